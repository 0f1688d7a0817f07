import type { SchedulerExecutor } from './SchedulerExecutor';
import { InvariantViolation } from './InvariantViolation';

/**
 * Asserts that no task of a cancelled future ever started: cancelling a queued task (directly, through
 * `shutdown({ cancelFutures: true })`, or by unsubscribing from an operator) must keep its function from running.
 *
 * @example
 * ```ts
 * const future = executor.submit(sendEmail, user);
 * future.cancel();
 * await s.waitIdle();
 * assertNoTaskRanAfterCancel(executor); // sendEmail never ran
 * ```
 * @throws {@link InvariantViolation} listing each cancelled task that started anyway.
 */
export function assertNoTaskRanAfterCancel(executor: SchedulerExecutor): void {
  const violations: string[] = [];
  for (const record of executor.records) {
    if (record.future.cancelled() && record.startedAt !== undefined) {
      violations.push(`${record.label} was cancelled (at ${record.settledAt}) but started (at ${record.startedAt})`);
    }
  }
  InvariantViolation.check('a cancelled task never starts', violations);
}
