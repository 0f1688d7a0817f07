import { CancelledError } from '../errors/CancelledError';
import { ClosureVariableError } from '../errors/ClosureVariableError';
import { SerializationError } from '../errors/SerializationError';
import { TimeoutError } from '../errors/TimeoutError';
import { describe } from '../internal/validate';

/** An Error flattened for the trip from a worker: every part that can be sent, none that cannot. */
export interface WireError {
  readonly __rxfuturesError: 1;
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
  /** Own enumerable properties such as `code` (values that cannot be cloned are sent as strings). */
  readonly props: Record<string, unknown> | undefined;
  /** The error's `cause`, flattened the same way; absent if it had none. */
  readonly cause?: unknown;
}

type ErrorClass = new (message?: string, options?: ErrorOptions) => Error;

/** Classes rebuilt by name on the receiving side; any other name becomes an `Error` carrying that name. */
const knownClasses: Record<string, ErrorClass> = {
  Error,
  TypeError,
  RangeError,
  ReferenceError,
  SyntaxError,
  EvalError,
  URIError,
  CancelledError,
  ClosureVariableError,
  SerializationError,
  TimeoutError,
};

function isWireError(value: unknown): value is WireError {
  return typeof value === 'object' && value !== null && (value as WireError).__rxfuturesError === 1;
}

/** `true` if `value` can be sent as it is (structured clone). */
function canClone(value: unknown): boolean {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol')) {
    return true;
  }
  if (typeof value !== 'object') return false;
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Flattens a thrown value for sending: an Error becomes a {@link WireError} (name, message, stack, own properties,
 * cause), anything else is sent as it is if it can be cloned, or as a `SerializationError` if it cannot.
 *
 * @example
 * ```ts
 * port.postMessage(toWire(error)); // on the other side: fromWire(message)
 * ```
 */
export function toWire(value: unknown, depth = 0): unknown {
  if (!(value instanceof Error)) {
    if (canClone(value)) return value;
    return toWire(new SerializationError(`the task threw a value that cannot be sent: ${describe(value)}`));
  }
  let props: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    if (key === 'cause' || key === 'name' || key === 'message' || key === 'stack') continue;
    const prop = (value as unknown as Record<string, unknown>)[key];
    (props ??= {})[key] = canClone(prop) ? prop : String(prop);
  }
  const wire: { -readonly [K in keyof WireError]: WireError[K] } = {
    __rxfuturesError: 1,
    name: String(value.name),
    message: String(value.message),
    stack: typeof value.stack === 'string' ? value.stack : undefined,
    props,
  };
  if ('cause' in value && depth < 16) wire.cause = toWire(value.cause, depth + 1);
  return wire;
}

/**
 * Rebuilds what {@link toWire} flattened: an Error of the original class when it is a standard or rxfutures class
 * (otherwise an `Error` with the original `name`), with the original message, own properties and cause, and the
 * worker's stack as its `stack` (the remote traceback). Other values are returned as they are.
 */
export function fromWire(value: unknown): unknown {
  if (!isWireError(value)) return value;
  const Class = Object.prototype.hasOwnProperty.call(knownClasses, value.name) ? knownClasses[value.name] : Error;
  const error = new Class(value.message);
  if (error.name !== value.name) {
    Object.defineProperty(error, 'name', { value: value.name, configurable: true, writable: true });
  }
  Object.defineProperty(error, 'stack', { value: value.stack ?? `${value.name}: ${value.message}`, configurable: true, writable: true });
  if (value.props !== undefined) Object.assign(error, value.props);
  if ('cause' in value) {
    Object.defineProperty(error, 'cause', { value: fromWire(value.cause), configurable: true, writable: true });
  }
  return error;
}
