import { RxFuturesError } from './RxFuturesError';

/**
 * Base of the errors that say an executor is broken and can run nothing more, for example because an initializer failed or a worker died (Python's `BrokenExecutor`).
 *
 * @example
 * ```ts
 * try {
 *   executor.submit(task);
 * } catch (e) {
 *   if (e instanceof BrokenExecutor) console.error('the pool is broken:', e.message);
 * }
 * ```
 */
export class BrokenExecutor extends RxFuturesError {}
