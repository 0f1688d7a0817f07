/**
 * Row 14: bad options everywhere. Every numeric option given 0, -1, 1.5, NaN, Infinity or a string throws a
 * TypeError (not a number) or RangeError (a number out of range) whose message names the option and the value
 * received, and nothing is started: no worker, no task.
 */
import { asCompleted } from '../../src/asCompleted';
import { AsyncExecutor } from '../../src/executors/AsyncExecutor';
import type { PoolExecutor } from '../../src/executors/pool/PoolExecutor';
import { wait } from '../../src/wait';
import { poolKinds, reliabilitySuite, spawnedCount } from './harness';

const badValues: unknown[] = [0, -1, 1.5, NaN, Infinity, 'x'];
/** How a received value appears in messages. */
const shown = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/** Whole numbers >= 1: all six bad values are rejected. */
const counts = ['maxWorkers', 'maxTasksPerChild'] as const;
/** Durations: 0, 1.5 and Infinity (no limit) are valid; -1, NaN and a string are not. */
const durations = ['idleTimeout', 'abortGraceMs'] as const;
const badDurations: unknown[] = [-1, NaN, 'x', -Infinity];

/** Checks that `call` throws the right class with a message naming `name` and `value`. */
function expectRejected(call: () => unknown, name: string, value: unknown): void {
  let thrown: unknown;
  try {
    call();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(typeof value === 'number' ? RangeError : TypeError);
  expect((thrown as Error).message).toContain(name);
  expect((thrown as Error).message).toContain(shown(value));
}

describe.each(poolKinds)('$name row 14: bad options', (kind) => {
  const h = reliabilitySuite();

  describe.each(counts)('%s', (name) => {
    it.each(badValues)('rejects %p, naming the option and the value; no worker starts', (value) => {
      const before = spawnedCount();
      expectRejected(() => kind.create({ [name]: value }), name, value);
      expect(spawnedCount()).toBe(before);
    });
  });

  describe.each(durations)('%s', (name) => {
    it.each(badDurations)('rejects %p, naming the option and the value; no worker starts', (value) => {
      const before = spawnedCount();
      expectRejected(() => kind.create({ [name]: value }), name, value);
      expect(spawnedCount()).toBe(before);
    });
  });

  describe('per-call options', () => {
    const calls: Array<[string, (value: unknown) => (pool: PoolExecutor) => unknown, unknown[]]> = [
      ['chunksize', (v) => (pool) => pool.map((n: number) => n, [1, 2], { chunksize: v as number }), badValues],
      ['buffersize', (v) => (pool) => pool.map((n: number) => n, [1, 2], { buffersize: v as number }), badValues],
      ['timeout', (v) => (pool) => pool.map((n: number) => n, [1, 2], { timeout: v as number }), badDurations],
      ['timeout', (v) => (pool) => pool.submitWith({ timeout: v as number }, (n: number) => n, 1), badDurations],
    ];
    it.each(calls)('%s rejects every bad value before any task is queued or any worker starts', (name, call, values) => {
      const pool = h.make(kind, { maxWorkers: 1 });
      const before = spawnedCount();
      for (const value of values) expectRejected(() => call(value)(pool), name, value);
      expect(spawnedCount()).toBe(before);
      expect(pool.isShutdown).toBe(false);
    });

    it('shutdown({ timeout }) rejects a bad timeout and leaves the pool open', () => {
      const pool = h.make(kind, { maxWorkers: 1 });
      for (const value of badDurations) expectRejected(() => pool.shutdown({ timeout: value as number }), 'timeout', value);
      expect(pool.isShutdown).toBe(false);
    });
  });
});

describe('row 14: what a message says undefined means', () => {
  const make = [
    ...poolKinds.map((kind) => [kind.name, (options: object) => kind.create(options)] as const),
    ['AsyncExecutor', (options: object) => new AsyncExecutor(options)] as const,
  ];

  it.each(make)('%s abortGraceMs: undefined is the 1000 ms default (Infinity is no limit), as the message says', (_, create) => {
    for (const value of badDurations) {
      expect(() => create({ abortGraceMs: value })).toThrow('undefined for the default of 1000 ms');
      expect(() => create({ abortGraceMs: value })).not.toThrow('undefined for no limit');
    }
  });

  it('idleTimeout and per-call timeouts: undefined is no limit', () => {
    expect(() => poolKinds[0]!.create({ idleTimeout: -1 })).toThrow('Infinity or undefined for no limit');
  });
});

describe('row 14: bad options on AsyncExecutor and the module functions', () => {
  const h = reliabilitySuite();

  it.each(badValues)('AsyncExecutor maxWorkers %p', (value) => {
    expectRejected(() => new AsyncExecutor({ maxWorkers: value as number }), 'maxWorkers', value);
  });

  it.each(badDurations)('result(%p), exception(), wait() and asCompleted() throw for a bad timeout', async (value) => {
    const executor = h.track(new AsyncExecutor({ maxWorkers: 1 }));
    const future = executor.submit(() => 1);
    expectRejected(() => future.result(value as number), 'timeoutMs', value);
    expectRejected(() => future.exception(value as number), 'timeoutMs', value);
    expectRejected(() => wait([future], { timeout: value as number }), 'timeout', value);
    expectRejected(() => asCompleted([future], { timeout: value as number }), 'timeout', value);
    await expect(future.result()).resolves.toBe(1);
  });
});
