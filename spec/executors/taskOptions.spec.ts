/**
 * The per-task options of submitWith and map beyond signal and timeout: their validation, and the backoff schedule.
 * How each option behaves on every executor kind is in the shared contract (executorContract.ts).
 */
import { AsyncExecutor } from '../../src';
import { retryPolicy } from '../../src/executors/retryPolicy';

describe('task options', () => {
  const executor = new AsyncExecutor({ maxWorkers: 1 });
  afterAll(() => executor.shutdown());
  const task = (x: number) => x;

  it('rejects bad retry options, naming the option and the value', () => {
    expect(() => executor.submitWith({ retries: -1 }, task, 1)).toThrow(new RangeError('retries must be a whole number >= 0; received -1'));
    expect(() => executor.submitWith({ retries: 1.5 }, task, 1)).toThrow(RangeError);
    expect(() => executor.submitWith({ retries: '2' as never }, task, 1)).toThrow(TypeError);
    expect(() => executor.submitWith({ retries: 1, backoff: -5 }, task, 1)).toThrow(RangeError);
    expect(() => executor.submitWith({ retries: 1, backoff: Infinity }, task, 1)).toThrow(/backoff must be a finite/);
    expect(() => executor.submitWith({ retries: 1, backoff: 'slow' as never }, task, 1)).toThrow(TypeError);
    expect(() => executor.submitWith({ retries: 1, backoff: { type: 'linear' as never, delay: 5 } }, task, 1)).toThrow(
      /backoff.type must be 'fixed' or 'exponential'; received "linear"/,
    );
    expect(() => executor.submitWith({ retries: 1, backoff: { type: 'exponential' } as never }, task, 1)).toThrow(/backoff.delay/);
    expect(() => executor.submitWith({ retries: 1, backoff: { type: 'fixed', delay: 5, jitter: 1 as never } }, task, 1)).toThrow(
      /backoff.jitter must be a boolean/,
    );
    expect(() => executor.submitWith({ retries: 1, backoff: { type: 'fixed', dealy: 5 } as never }, task, 1)).toThrow(
      "unknown option 'dealy' for backoff; did you mean 'delay'?",
    );
    expect(() => executor.submitWith({ retries: 1, retryIf: true as never }, task, 1)).toThrow(/retryIf must be a function/);
    expect(() => executor.submitWith({ retrys: 1 } as never, task, 1)).toThrow("unknown option 'retrys' for submitWith(); did you mean 'retries'?");
    expect(() => executor.map(task, [1], { retries: -1 })).toThrow(RangeError);
    expect(() => executor.map(task, [1], { retires: 1 } as never)).toThrow(/did you mean 'retries'/);
  });

  it('refuses transfer with retries: the moved objects would be gone after the first attempt', () => {
    const buffer = new ArrayBuffer(8);
    expect(() => executor.submitWith({ retries: 1, transfer: [buffer] }, task, 1)).toThrow(/transfer cannot be combined with retries/);
    expect(buffer.byteLength).toBe(8);
  });

  it('rejects bad priorities, naming the option and the value', () => {
    expect(() => executor.submitWith({ priority: -1 }, task, 1)).toThrow(new RangeError('priority must be a whole number >= 0; received -1'));
    expect(() => executor.submitWith({ priority: 2_097_153 }, task, 1)).toThrow(
      new RangeError('priority must be a whole number from 0 to 2097152; received 2097153'),
    );
    expect(() => executor.submitWith({ priority: 0.5 }, task, 1)).toThrow(RangeError);
    expect(() => executor.submitWith({ priority: 'high' as never }, task, 1)).toThrow(TypeError);
    expect(() => executor.submitWith({ priorty: 1 } as never, task, 1)).toThrow(/did you mean 'priority'/);
    expect(() => executor.map(task, [1], { priority: -2 })).toThrow(RangeError);
  });

  it('a fixed backoff waits the same each time; an exponential one doubles up to maxDelay, jittered within [half, full]', () => {
    const fixed = retryPolicy({ retries: 3, backoff: 40 });
    expect([1, 2, 3].map((n) => fixed.delay(n))).toEqual([40, 40, 40]);
    const exact = retryPolicy({ retries: 5, backoff: { type: 'exponential', delay: 10, maxDelay: 50, jitter: false } });
    expect([1, 2, 3, 4, 5].map((n) => exact.delay(n))).toEqual([10, 20, 40, 50, 50]);
    const jittered = retryPolicy({ retries: 5, backoff: { type: 'exponential', delay: 100, maxDelay: 1000 } });
    const samples = Array.from({ length: 200 }, () => jittered.delay(2));
    for (const ms of samples) expect(ms >= 100 && ms <= 200).toBe(true);
    expect(new Set(samples).size).toBeGreaterThan(1);
    expect(retryPolicy({ retries: 1 }).delay(1)).toBe(0);
  });
});
