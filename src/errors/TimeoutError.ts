import { RxFuturesError } from './RxFuturesError';

/**
 * Raised when a wait runs past its timeout: `result(ms)`, `exception(ms)`, `map` and `asCompleted` timeouts, and per-task timeouts. The future waited on is left untouched.
 *
 * @example
 * ```ts
 * await future.result(10).catch((e) => e instanceof TimeoutError); // true when not done within 10 ms
 * ```
 */
export class TimeoutError extends RxFuturesError {}
