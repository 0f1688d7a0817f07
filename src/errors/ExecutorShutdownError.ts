import { RxFuturesError } from './RxFuturesError';

/**
 * Raised by `submit` and `map` after `shutdown()` was called: "cannot schedule new futures after shutdown".
 *
 * @example
 * ```ts
 * await executor.shutdown();
 * executor.submit(task); // throws ExecutorShutdownError
 * ```
 */
export class ExecutorShutdownError extends RxFuturesError {}
