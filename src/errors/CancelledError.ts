import { RxFuturesError } from './RxFuturesError';

/**
 * Raised by `result()`, `exception()` and `await` on a future that was cancelled (Python's `CancelledError`).
 *
 * @example
 * ```ts
 * const future = executor.submit(slowTask);
 * future.cancel();
 * await future.result().catch((e) => e instanceof CancelledError); // true
 * ```
 */
export class CancelledError extends RxFuturesError {}
