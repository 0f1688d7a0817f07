import { RxFuturesError } from './RxFuturesError';

/**
 * A task's arguments could not be sent to a worker, or its result could not be sent back (a function, a symbol, an
 * object with a throwing getter...). Only that task's future fails; the worker and the pool go on. The clone error
 * is the `cause`.
 *
 * @example
 * ```ts
 * await pool.submit((f: unknown) => f, () => 1).result().catch((e) => e instanceof SerializationError); // true
 * ```
 */
export class SerializationError extends RxFuturesError {}
