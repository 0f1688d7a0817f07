import type { SchedulerExecutor } from './SchedulerExecutor';
import { InvariantViolation } from './InvariantViolation';

/**
 * Asserts that every future the executor created is done (finished or cancelled) and became done exactly once: no
 * future was left pending by your pipeline, none settled twice.
 *
 * Call it after driving the scheduler to the end (for example after `await s.waitFor(executor.shutdown())`).
 *
 * @example
 * ```ts
 * await s.waitFor(lastValueFrom(pipeline$));
 * await s.waitFor(executor.shutdown());
 * assertSettledExactlyOnce(executor);
 * ```
 * @throws {@link InvariantViolation} listing each future still pending or settled more than once.
 */
export function assertSettledExactlyOnce(executor: SchedulerExecutor): void {
  const violations: string[] = [];
  for (const record of executor.records) {
    if (!record.future.done()) violations.push(`${record.label} is still ${record.future.state}`);
    else if (record.settleCount !== 1) violations.push(`${record.label} settled ${record.settleCount} times`);
  }
  InvariantViolation.check('every future settles exactly once', violations);
}
