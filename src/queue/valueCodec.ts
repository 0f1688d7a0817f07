import { deserialize, serialize } from 'node:v8';
import {
  fromWire,
  JobLostError,
  QueueConnectionError,
  SerializationError,
  TaskRefusedError,
  toWire,
  WorkerLostError,
} from './executorSurface';
import { plainJson } from './plainJson';

/** The first character of every v8 text: base64 of the serialization's header byte, 0xFF. JSON never starts so. */
const V8_TEXT = 0x2f; // '/'

/**
 * Values travel through Redis with the fidelity of Node's v8 serialization, the format the process pool uses between
 * processes: Map, Set, Date, BigInt, RegExp, typed arrays and Buffers round-trip; class instances arrive as plain
 * objects; functions and symbols cannot be sent. Values JSON carries exactly (see `plainJson`: numbers, strings,
 * booleans, null, and plain arrays and objects of them, as most arguments and results are) travel as JSON text, many
 * times cheaper to write and read; the others as base64 text of the v8 serialization, which always starts with `/`.
 *
 * @example
 * ```ts
 * decodeValue(encodeValue(new Map([[1n, new Date(0)]]))); // Map { 1n => 1970-01-01T00:00:00.000Z }
 * ```
 * @throws {@link SerializationError} for a value v8 cannot serialize (the v8 error is the cause).
 */
export function encodeValue(value: unknown, what = 'the value'): string {
  const json = plainJson(value);
  if (json !== undefined) return json;
  try {
    return serialize(value).toString('base64');
  } catch (error) {
    throw new SerializationError(`${what} cannot be sent through the queue: ${(error as Error).message}`, { cause: error });
  }
}

/** Reverses {@link encodeValue}. @throws {@link SerializationError} for text that is not such a value. */
export function decodeValue(text: string): unknown {
  try {
    return text.charCodeAt(0) === V8_TEXT ? deserialize(Buffer.from(text, 'base64')) : JSON.parse(text);
  } catch (error) {
    throw new SerializationError(`a value read from the queue could not be decoded: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Encodes a thrown value with its name, message, own properties, cause and stack (see `toWire`). */
export function encodeError(error: unknown): string {
  return encodeValue(toWire(error));
}

type Rebuilt = new (message?: string, options?: ErrorOptions) => Error;
/** rxfutures errors a worker raises that the wire format does not know by name; rebuilt here as their class. */
const queueErrors: Record<string, Rebuilt> = { TaskRefusedError, WorkerLostError, JobLostError, QueueConnectionError };

/** Reverses {@link encodeError}: an Error of the original class where rxfutures knows it, with its remote stack. */
export function decodeError(text: string): unknown {
  return rebuild(fromWire(decodeValue(text)));
}

function rebuild(error: unknown): unknown {
  if (!(error instanceof Error) || !Object.prototype.hasOwnProperty.call(queueErrors, error.name)) return error;
  const Class = queueErrors[error.name]!;
  const original: Error = error;
  if (original.constructor === Class) return original;
  const copy = new Class(original.message, 'cause' in original ? { cause: original.cause } : undefined);
  for (const key of Object.keys(original)) (copy as unknown as Record<string, unknown>)[key] = (original as unknown as Record<string, unknown>)[key];
  Object.defineProperty(copy, 'stack', { value: original.stack, configurable: true, writable: true });
  return copy;
}
