import type { SchedulerExecutor } from './SchedulerExecutor';
import { InvariantViolation } from './InvariantViolation';
import { assertNoTaskRanAfterCancel } from './assertNoTaskRanAfterCancel';
import { assertSettledExactlyOnce } from './assertSettledExactlyOnce';

/**
 * Asserts every rule `rxfutures/testing` knows after a run: each future settled exactly once
 * ({@link assertSettledExactlyOnce}), no cancelled task started ({@link assertNoTaskRanAfterCancel}), never more than
 * `maxWorkers` tasks ran at once, and tasks started in the order they were submitted (FIFO, as AsyncExecutor).
 *
 * @example
 * ```ts
 * await fc.assert(fc.asyncProperty(fc.scheduler(), async (s) => {
 *   const executor = new SchedulerExecutor({ scheduler: s, maxWorkers: 2 });
 *   await s.waitFor(runMyPipeline(executor));
 *   await s.waitFor(executor.shutdown());
 *   assertExecutorInvariants(executor);
 * }));
 * ```
 * @throws {@link InvariantViolation} naming the first rule broken and the tasks that broke it.
 */
export function assertExecutorInvariants(executor: SchedulerExecutor): void {
  assertSettledExactlyOnce(executor);
  assertNoTaskRanAfterCancel(executor);
  const crowded = executor.records
    .filter((record) => (record.concurrency ?? 0) > executor.maxWorkers)
    .map((record) => `${record.label} started while ${record.concurrency} tasks ran (maxWorkers ${executor.maxWorkers})`);
  InvariantViolation.check('at most maxWorkers tasks run at once', crowded);
  const started = executor.records.filter((record) => record.startedAt !== undefined);
  const outOfOrder: string[] = [];
  for (let i = 1; i < started.length; i++) {
    const [before, after] = [started[i - 1]!, started[i]!];
    if (after.startedAt! < before.startedAt!) outOfOrder.push(`${after.label} started before ${before.label}`);
  }
  InvariantViolation.check('tasks start in submission order', outOfOrder);
}
