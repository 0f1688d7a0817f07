import fc from 'fast-check';
import { InvariantViolation, SchedulerExecutor, assertSettledExactlyOnce } from '../../src/testing';
import { settled, withRecords } from './fakeRecords';

describe('assertSettledExactlyOnce', () => {
  it('passes once the scheduler has driven every task to the end, and names each future left pending', async () => {
    const [s] = fc.sample(fc.scheduler(), { numRuns: 1, seed: 1 });
    const executor = new SchedulerExecutor({ scheduler: s!, maxWorkers: 1 });
    function job(n: number) {
      return n;
    }
    const first = executor.submit(job, 1);
    executor.submit(job, 2);
    await s!.waitFor(first.result());
    const error = (() => {
      try {
        assertSettledExactlyOnce(executor);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvariantViolation);
    expect((error as InvariantViolation).violations).toEqual(['job(2) is still PENDING']);

    await s!.waitFor(executor.shutdown());
    expect(() => assertSettledExactlyOnce(executor)).not.toThrow();
  });

  it('reports a future that settled more than once', () => {
    const executor = withRecords(1, [{ label: 'twice()', future: settled('FINISHED'), settleCount: 2 }]);
    expect(() => assertSettledExactlyOnce(executor)).toThrow(InvariantViolation);
  });
});
