import { fromWire, toWire } from '../tasks/errorWire';

/**
 * Flattens what a task threw into plain data that structured clone can carry (a `postMessage`, a child process's
 * IPC): for an Error, its class name, message, stack, own properties (such as `code`) and cause; any other value as
 * it is if it can be cloned, or a `SerializationError` saying why not. {@link deserializeError} rebuilds it on the
 * other side. The worker pools send task errors this way.
 *
 * @example
 * ```ts
 * // in the worker
 * try {
 *   port.postMessage([id, true, await runCalls(fn, chunk, args)]);
 * } catch (error) {
 *   port.postMessage([id, false, serializeError(error)]);
 * }
 * ```
 */
export function serializeError(error: unknown): unknown {
  return toWire(error);
}

/**
 * Rebuilds what {@link serializeError} flattened: an Error of the same class for the standard and rxfutures error
 * classes (otherwise an `Error` carrying the original `name`), with its message, own properties and cause, and the
 * remote stack as its `stack`. Anything else is returned as it is.
 *
 * @example
 * ```ts
 * // in the executor, on a worker's answer
 * this.finishItem(item, !ok, ok ? value : deserializeError(value));
 * ```
 */
export function deserializeError(data: unknown): unknown {
  return fromWire(data);
}
