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
  /** An `AggregateError`'s `errors`, each flattened the same way. */
  readonly errors?: unknown[];
}

/**
 * An error met a second time while flattening one thrown value (a cycle, such as an error that is its own cause, or
 * one error listed twice): the index of its first flattening, counting errors in the order they were met.
 */
interface WireRef {
  readonly __rxfuturesError: 2;
  readonly ref: number;
}

/** How deep causes and aggregated errors are followed; deeper links are left out. */
const MAX_DEPTH = 16;

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
  AggregateError: AggregateError as unknown as ErrorClass,
  CancelledError,
  ClosureVariableError,
  SerializationError,
  TimeoutError,
};

function isWireError(value: unknown): value is WireError {
  return typeof value === 'object' && value !== null && (value as WireError).__rxfuturesError === 1;
}

function isWireRef(value: unknown): value is WireRef {
  return typeof value === 'object' && value !== null && (value as WireRef).__rxfuturesError === 2;
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
 * cause, and an AggregateError's `errors`, each nested error flattened the same way, {@link MAX_DEPTH} levels deep;
 * an error met twice is sent once and referred to), anything else is sent as it is if it can be cloned, or as a
 * `SerializationError` if it cannot.
 *
 * @example
 * ```ts
 * port.postMessage(toWire(error)); // on the other side: fromWire(message)
 * ```
 */
export function toWire(value: unknown): unknown {
  return flatten(value, new Map(), 0);
}

/** {@link toWire} for one value; `seen` numbers the errors met so far, in the order {@link rebuild} will meet them. */
function flatten(value: unknown, seen: Map<Error, number>, depth: number): unknown {
  if (!(value instanceof Error)) {
    if (canClone(value)) return value;
    return flatten(new SerializationError(`the task threw a value that cannot be sent: ${describe(value)}`), seen, depth);
  }
  const index = seen.get(value);
  if (index !== undefined) return { __rxfuturesError: 2, ref: index } satisfies WireRef;
  seen.set(value, seen.size);
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
  if (depth < MAX_DEPTH) {
    if ('cause' in value) wire.cause = flatten(value.cause, seen, depth + 1);
    const errors = value instanceof AggregateError ? (value.errors as unknown) : undefined;
    if (Array.isArray(errors)) wire.errors = errors.map((error) => flatten(error, seen, depth + 1));
  }
  return wire;
}

/**
 * Rebuilds what {@link toWire} flattened: an Error of the original class when it is a standard or rxfutures class
 * (otherwise an `Error` with the original `name`, or an `AggregateError` if it carried `errors`), with the original
 * message, own properties, cause and `errors` (each rebuilt the same way, shared and circular links restored), and
 * the worker's stack as its `stack` (the remote traceback). Other values are returned as they are.
 */
export function fromWire(value: unknown): unknown {
  return rebuild(value, []);
}

/** {@link fromWire} for one value; `rebuilt` holds the errors rebuilt so far, by the numbers {@link flatten} gave. */
function rebuild(value: unknown, rebuilt: Error[]): unknown {
  if (isWireRef(value)) return rebuilt[value.ref];
  if (!isWireError(value)) return value;
  const known = Object.prototype.hasOwnProperty.call(knownClasses, value.name);
  const Class = known ? knownClasses[value.name]! : value.errors !== undefined ? knownClasses.AggregateError! : Error;
  const error = Class === knownClasses.AggregateError ? new AggregateError([], value.message) : new Class(value.message);
  rebuilt.push(error);
  if (error.name !== value.name) {
    Object.defineProperty(error, 'name', { value: value.name, configurable: true, writable: true });
  }
  Object.defineProperty(error, 'stack', { value: value.stack ?? `${value.name}: ${value.message}`, configurable: true, writable: true });
  if (value.props !== undefined) Object.assign(error, value.props);
  if ('cause' in value) {
    Object.defineProperty(error, 'cause', { value: rebuild(value.cause, rebuilt), configurable: true, writable: true });
  }
  if (value.errors !== undefined) {
    const errors = value.errors.map((item) => rebuild(item, rebuilt));
    Object.defineProperty(error, 'errors', { value: errors, configurable: true, writable: true });
  }
  return error;
}
