import { RxFuturesError } from './RxFuturesError';

/**
 * Raised inside a task that waits on a future of its own executor when that wait can never end, because every worker is taken by tasks that wait the same way (where Python would hang forever).
 *
 * @example
 * ```ts
 * const executor = new AsyncExecutor({ maxWorkers: 1 });
 * const outer = executor.submit(async () => await executor.submit(() => 5 ** 2));
 * await outer.result().catch((e) => e instanceof DeadlockError); // true
 * ```
 */
export class DeadlockError extends RxFuturesError {}
