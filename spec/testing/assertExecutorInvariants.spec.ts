import { InvariantViolation, assertExecutorInvariants } from '../../src/testing';
import { settled, withRecords } from './fakeRecords';

const done = { settleCount: 1 };

describe('assertExecutorInvariants', () => {
  it('accepts a run that kept every rule', () => {
    const run = withRecords(2, [
      { label: 'a()', future: settled('FINISHED'), ...done, startedAt: 1, concurrency: 1 },
      { label: 'b()', future: settled('CANCELLED'), ...done },
      { label: 'c()', future: settled('FINISHED'), ...done, startedAt: 2, concurrency: 2 },
    ]);
    expect(() => assertExecutorInvariants(run)).not.toThrow();
  });

  it('reports more tasks running than maxWorkers', () => {
    const run = withRecords(1, [{ label: 'a()', future: settled('FINISHED'), ...done, startedAt: 1, concurrency: 2 }]);
    expect(() => assertExecutorInvariants(run)).toThrow(InvariantViolation);
  });

  it('reports tasks that started out of submission order', () => {
    const run = withRecords(2, [
      { label: 'a()', future: settled('FINISHED'), ...done, startedAt: 5, concurrency: 1 },
      { label: 'b()', future: settled('FINISHED'), ...done, startedAt: 3, concurrency: 1 },
    ]);
    expect(() => assertExecutorInvariants(run)).toThrow(InvariantViolation);
    try {
      assertExecutorInvariants(run);
    } catch (error) {
      expect((error as InvariantViolation).violations).toEqual(['b() started before a()']);
    }
  });

  it('lists at most ten violations in its message and all of them in violations', () => {
    const error = new InvariantViolation('rule', Array.from({ length: 12 }, (_, i) => `task ${i}`));
    expect(error.violations).toHaveLength(12);
    expect(error.message).toContain('... and 2 more');
  });
});
