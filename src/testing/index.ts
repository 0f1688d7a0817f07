/**
 * rxfutures/testing: test your own pipelines under every completion order with fast-check.
 *
 * {@link SchedulerExecutor} is an executor whose tasks start and finish only when a scheduler (`fc.scheduler()`)
 * says so, and the assertions check what users care about after a run. fast-check is an optional peer dependency:
 * install it yourself (`npm install -D fast-check`); this entry never imports it. See `docs/testing.md`.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { SchedulerExecutor, assertExecutorInvariants } from 'rxfutures/testing';
 *
 * test('my pipeline keeps order under any interleaving', async () => {
 *   await fc.assert(fc.asyncProperty(fc.scheduler(), async (s) => {
 *     const executor = new SchedulerExecutor({ scheduler: s, maxWorkers: 3 });
 *     await s.waitFor(myPipeline(executor));
 *     await s.waitFor(executor.shutdown());
 *     assertExecutorInvariants(executor);
 *   }));
 * });
 * ```
 * @packageDocumentation
 */
export { SchedulerExecutor, type SchedulerExecutorOptions } from './SchedulerExecutor';
export type { TaskScheduler } from './TaskScheduler';
export type { TaskRecord } from './TaskRecord';
export { InvariantViolation } from './InvariantViolation';
export { assertSettledExactlyOnce } from './assertSettledExactlyOnce';
export { assertNoTaskRanAfterCancel } from './assertNoTaskRanAfterCancel';
export { assertExecutorInvariants } from './assertExecutorInvariants';
