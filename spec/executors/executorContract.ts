/**
 * The rules every executor kind obeys, written once and run against each (as CPython's ExecutorTest mixins are).
 * Tasks here are self-contained functions (no closures) so that worker pools can run them too.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import {
  ALL_COMPLETED,
  CancelledError,
  type Executor,
  ExecutorShutdownError,
  FIRST_COMPLETED,
  Future,
  TimeoutError,
  asCompleted,
  wait,
} from '../../src';

/** Makes an executor of the kind under test. */
export type ExecutorFactory = (options: { maxWorkers: number }) => Executor;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Waits (at most 10 s) until `future` runs: a worker pool may need a moment to start its first worker. */
const untilRunning = async (future: Future<unknown>) => {
  for (let i = 0; i < 2000 && future.state === 'PENDING'; i++) await sleep(5);
};
/** Resolves with `value` after `ms`; the timer does not hold the test process open (an aborted task on the
 * AsyncExecutor cannot be stopped, only abandoned). */
const sleepThen = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms).unref());
const failWith = (message: string) => {
  const error = new RangeError(message);
  (error as RangeError & { code: string }).code = 'E_TASK';
  throw error;
};

/**
 * Fails its first `failures` runs, then returns `value`: the count of runs lives in the file at `path`, so it holds
 * across attempts on any worker, thread or process. With `hangFirst`, the first run instead waits (for a timeout).
 */
const failTimes = (path: string, failures: number, value: unknown, hangFirst = false) => {
  const fs = require('node:fs') as typeof import('node:fs');
  let count = 0;
  try {
    count = Number(fs.readFileSync(path, 'utf8'));
  } catch {
    // no run yet
  }
  count++;
  fs.writeFileSync(path, String(count));
  if (hangFirst && count === 1) return new Promise((resolve) => setTimeout(resolve, 20_000, 'hung').unref());
  if (count <= failures) throw new RangeError(`run ${count} fails`);
  return value;
};
/** Like failTimes, per value of a map: fails the first run of `fail`, counting runs in `dir/<value>`. */
const failOnceAt = (dir: string, fail: number, value: number) => {
  const fs = require('node:fs') as typeof import('node:fs');
  const file = `${dir}/${value}`;
  const count = (fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0) + 1;
  fs.writeFileSync(file, String(count));
  if (value === fail && count === 1) throw new RangeError(`first run of ${value} fails`);
  return value * 10;
};
/** How many times failTimes ran (0 if never). */
const runsIn = (path: string): number => {
  try {
    return Number(readFileSync(path, 'utf8'));
  } catch {
    return 0;
  }
};

/** Registers the contract's tests for one executor kind. */
export function describeExecutorContract(name: string, make: ExecutorFactory): void {
  describe(`${name}: the Executor contract`, () => {
    const executors: Executor[] = [];
    const create = (maxWorkers = 2) => {
      const executor = make({ maxWorkers });
      executors.push(executor);
      return executor;
    };
    afterEach(async () => {
      await Promise.all(executors.splice(0).map((executor) => executor.shutdown({ cancelFutures: true, timeout: 5000 })));
    });

    it('submit() returns a future of the task result', async () => {
      const executor = create();
      const future = executor.submit((a: number, b: number) => a ** b, 2, 10);
      expect(future).toBeInstanceOf(Future);
      await expect(future.result(10_000)).resolves.toBe(1024);
      expect(future.state).toBe('FINISHED');
    });

    it('an async task resolves its future with the awaited value', async () => {
      const executor = create();
      await expect(executor.submit(sleepThen, 5, 'later').result(10_000)).resolves.toBe('later');
    });

    it('a task error fails only its future, with the same class, message and properties', async () => {
      const executor = create();
      const bad = executor.submit(failWith, 'nope');
      const error = await bad.exception(10_000);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('RangeError');
      expect((error as Error).message).toBe('nope');
      expect((error as { code?: string }).code).toBe('E_TASK');
      await expect(executor.submit((x: number) => x + 1, 1).result(10_000)).resolves.toBe(2);
    });

    it('runs at most maxWorkers tasks at once and starts queued ones in FIFO order', async () => {
      const executor = create(1);
      const first = executor.submit(sleepThen, 30, 'first');
      const queued = [1, 2, 3].map((n) => executor.submit(sleepThen, 1, n));
      await untilRunning(first);
      expect(first.running()).toBe(true);
      expect(queued.map((f) => f.state)).toEqual(['PENDING', 'PENDING', 'PENDING']);
      const order = await lastValueFrom(asCompleted(queued).pipe(toArray()));
      expect(order).toEqual(queued);
    });

    it('cancel() removes a queued task, which then never runs', async () => {
      const executor = create(1);
      const blocker = executor.submit(sleepThen, 30, 'blocker');
      const queued = executor.submit(sleepThen, 1, 'queued');
      expect(queued.cancel()).toBe(true);
      await expect(blocker.result(10_000)).resolves.toBe('blocker');
      await expect(queued.result()).rejects.toBeInstanceOf(CancelledError);
      expect(queued.cancelled()).toBe(true);
      await sleep(10);
      expect(queued.state).toBe('CANCELLED');
    });

    it('cancel() is false for a running task, which finishes normally', async () => {
      const executor = create(1);
      const running = executor.submit(sleepThen, 20, 'done');
      await untilRunning(running);
      expect(running.cancel()).toBe(false);
      await expect(running.result(10_000)).resolves.toBe('done');
    });

    it('map() yields results in input order, zipping several iterables (shortest wins)', async () => {
      const executor = create(3);
      const values = await lastValueFrom(
        executor.map(sleepThen, [30, 1, 15, 5], ['a', 'b', 'c']).pipe(toArray()),
      );
      expect(values).toEqual(['a', 'b', 'c']);
    });

    it('map() is an async iterable too', async () => {
      const executor = create();
      const values: number[] = [];
      for await (const value of executor.map((x: number) => x * x, [1, 2, 3])) values.push(value);
      expect(values).toEqual([1, 4, 9]);
    });

    it('map() raises the first error at its position and cancels the tasks not yet started', async () => {
      const executor = create(1);
      const source = [0, 1, 2, 3, 4, 5];
      const seen: number[] = [];
      const error = await (async () => {
        const failAtOne = (n: number) => {
          if (n === 1) throw new RangeError('at 1');
          return n;
        };
        for await (const value of executor.map(failAtOne, source)) seen.push(value);
      })().catch((e: unknown) => e);
      expect((error as Error).message).toBe('at 1');
      expect(seen).toEqual([0]);
    });

    it('map() with a timeout raises TimeoutError at the first result not ready in time, naming the timeout given', async () => {
      const executor = create(2);
      // Start both workers first (a worker pool starts them lazily), so only the slow task can miss the deadline.
      await Promise.all([executor.submit(sleepThen, 1, 'warm'), executor.submit(sleepThen, 1, 'warm')]);
      const seen: string[] = [];
      const error = await (async () => {
        const delayed = (ms: number, tag: string) => new Promise<string>((resolve) => setTimeout(() => resolve(tag), ms));
        for await (const value of executor.map(delayed, [1, 5000], ['fast', 'slow'], { timeout: 200 })) {
          seen.push(value);
          await sleep(50); // so the time left for 'slow' is well below the 200 ms given
        }
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(seen).toEqual(['fast']);
      // The message names the limit the caller set, not the time that was left when the last wait began.
      expect((error as Error).message).toContain('200 ms');
    });

    it('map() with buffersize reads an endless iterable lazily', async () => {
      const executor = create(2);
      let produced = 0;
      function* naturals() {
        for (let n = 0; ; n++) {
          produced++;
          yield n;
        }
      }
      const values: number[] = [];
      for await (const value of executor.map((n: number) => n * 2, naturals(), { buffersize: 4 })) {
        values.push(value);
        if (values.length === 10) break;
      }
      expect(values).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
      expect(produced).toBeLessThanOrEqual(10 + 4 + 1);
    });

    it('map() with chunksize keeps input order', async () => {
      const executor = create(2);
      const input = Array.from({ length: 23 }, (_, i) => i);
      const values = await lastValueFrom(executor.map((n: number) => n * 3, input, { chunksize: 5 }).pipe(toArray()));
      expect(values).toEqual(input.map((n) => n * 3));
    });

    it('map() with chunksize passes each value of one iterable as one argument, arrays too', async () => {
      const executor = create(2);
      const pairs = Array.from({ length: 7 }, (_, i) => [i, 10 * i]);
      const shapes = await lastValueFrom(
        executor.map((...args: unknown[]) => JSON.stringify(args), pairs, { chunksize: 3 }).pipe(toArray()),
      );
      expect(shapes).toEqual(pairs.map((pair) => JSON.stringify([pair])));
    });

    it('map() with chunksize over several iterables zips them, in order', async () => {
      const executor = create(2);
      const a = Array.from({ length: 11 }, (_, i) => i);
      const b = a.map((i) => 100 * i);
      const sums = await lastValueFrom(executor.map((x: number, y: number) => x + y, a, b, { chunksize: 4 }).pipe(toArray()));
      expect(sums).toEqual(a.map((i) => 101 * i));
    });

    it('wait() and asCompleted() work over its futures', async () => {
      const executor = create(2);
      // No race decides this test: the fast task goes first, so it never waits behind the slow one, and the slow one
      // cannot end on its own within the test; it is aborted for the second half.
      const fast = executor.submit(sleepThen, 1, 'fast');
      const controller = new AbortController();
      const slow = executor.submitWith({ signal: controller.signal }, sleepThen, 20_000, 'slow');
      const first = await wait([slow, fast], { returnWhen: FIRST_COMPLETED });
      expect([...first.done]).toEqual([fast]);
      expect([...first.notDone]).toEqual([slow]);
      controller.abort(new Error('enough'));
      const all = await wait([slow, fast], { returnWhen: ALL_COMPLETED });
      expect(all.done.size).toBe(2);
      const order = await lastValueFrom(asCompleted([slow, fast]).pipe(toArray()));
      expect(new Set(order)).toEqual(new Set([slow, fast]));
    });

    it('shutdown() waits for queued and running work, then refuses new work', async () => {
      const executor = create(1);
      const futures = [executor.submit(sleepThen, 10, 'a'), executor.submit(sleepThen, 1, 'b')];
      await executor.shutdown();
      expect(futures.map((f) => f.state)).toEqual(['FINISHED', 'FINISHED']);
      expect(() => executor.submit((x: number) => x, 1)).toThrow(ExecutorShutdownError);
      expect(() => executor.map((x: number) => x, [1])).toThrow(ExecutorShutdownError);
      await executor.shutdown(); // safe twice
    });

    it('shutdown({ cancelFutures: true }) cancels exactly the tasks that had not started', async () => {
      const executor = create(1);
      const running = executor.submit(sleepThen, 20, 'running');
      await untilRunning(running);
      const queued = [1, 2, 3].map((n) => executor.submit(sleepThen, 1, n));
      await executor.shutdown({ cancelFutures: true });
      expect(running.state).toBe('FINISHED');
      expect(queued.map((f) => f.state)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
    });

    it('shutdown({ wait: false }) returns at once; queued work still finishes', async () => {
      const executor = create(1);
      const futures = [executor.submit(sleepThen, 10, 'a'), executor.submit(sleepThen, 1, 'b')];
      await executor.shutdown({ wait: false });
      expect(futures[1].done()).toBe(false);
      await expect(futures[1].result(10_000)).resolves.toBe('b');
    });

    it('await using shuts the executor down at the end of the scope', async () => {
      let escaped: Executor | undefined;
      let future: Future<string> | undefined;
      {
        await using executor = create(1);
        escaped = executor;
        future = executor.submit((ms: number) => new Promise<string>((resolve) => setTimeout(resolve, ms, 'scoped')), 5);
      }
      expect(future?.state).toBe('FINISHED');
      expect(() => escaped?.submit((x: number) => x, 1)).toThrow(ExecutorShutdownError);
    });

    describe('priorities', () => {
      it('starts waiting tasks lowest priority number first, in submission order within one priority', async () => {
        const executor = create(1);
        const blocker = executor.submit(sleepThen, 30, 'blocker');
        await untilRunning(blocker);
        const plan: [number, string][] = [[5, 'a'], [0, 'b'], [5, 'c'], [1, 'd'], [0, 'e'], [2_097_152, 'f'], [1, 'g']];
        const order: string[] = [];
        const futures = plan.map(([priority, tag]) => {
          const future = executor.submitWith({ priority }, sleepThen, 1, tag);
          future.addDoneCallback(() => order.push(tag));
          return future;
        });
        await wait(futures, { timeout: 15_000 });
        expect(order).toEqual(['b', 'e', 'd', 'g', 'a', 'c', 'f']);
      });

      it('map() gives its tasks a priority', async () => {
        const executor = create(1);
        const blocker = executor.submit(sleepThen, 30, 'blocker');
        await untilRunning(blocker);
        const order: unknown[] = [];
        const later = executor.map(sleepThen, [1, 1], ['m1', 'm2'], { priority: 9 });
        const urgent = executor.submitWith({ priority: 1 }, sleepThen, 1, 'urgent');
        urgent.addDoneCallback(() => order.push('urgent'));
        const mapped = await lastValueFrom(later.pipe(toArray()));
        order.push(...mapped);
        expect(order).toEqual(['urgent', 'm1', 'm2']);
      });
    });

    describe('retries', () => {
      let dir = '';
      beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'rxf-retries-'));
      });
      afterEach(() => rmSync(dir, { recursive: true, force: true }));

      it('runs a failing task again, at most `retries` more times, and says how many attempts ran', async () => {
        const executor = create(2);
        const recovers = executor.submitWith({ retries: 2 }, failTimes, join(dir, 'a'), 2, 'ok');
        const givesUp = executor.submitWith({ retries: 1, backoff: 5 }, failTimes, join(dir, 'b'), 5, 'never');
        await expect(recovers.result(10_000)).resolves.toBe('ok');
        expect(recovers.attempts).toBe(3);
        const error = await givesUp.exception(10_000);
        expect(error).toBeInstanceOf(RangeError);
        expect((error as Error).message).toBe('run 2 fails');
        expect(givesUp.attempts).toBe(2);
        expect(runsIn(join(dir, 'b'))).toBe(2);
        const plain = executor.submit((x: number) => x, 1);
        await plain;
        expect(plain.attempts).toBe(1);
      });

      it('asks retryIf, in this process, with the error and the attempts so far', async () => {
        const executor = create(1);
        const seen: [string, number][] = [];
        const retryIf = (error: unknown, attempts: number) => {
          seen.push([(error as Error).name, attempts]);
          return attempts < 2;
        };
        const future = executor.submitWith({ retries: 5, retryIf }, failTimes, join(dir, 'a'), 5, 'never');
        await expect(future.result(10_000)).rejects.toBeInstanceOf(RangeError);
        expect(seen).toEqual([
          ['RangeError', 1],
          ['RangeError', 2],
        ]);
        expect(future.attempts).toBe(2);
      });

      it('retries an attempt that timed out', async () => {
        const executor = create(1);
        const future = executor.submitWith({ retries: 1, timeout: 1000 }, failTimes, join(dir, 'a'), 0, 'second', true);
        await expect(future.result(15_000)).resolves.toBe('second');
        expect(future.attempts).toBe(2);
      });

      it('is PENDING during the backoff, where cancel() succeeds and no attempt follows', async () => {
        const executor = create(1);
        const future = executor.submitWith({ retries: 3, backoff: 20_000 }, failTimes, join(dir, 'a'), 5, 'never');
        for (let i = 0; i < 2000 && !(future.attempts === 1 && future.state === 'PENDING'); i++) await sleep(5);
        expect(future.attempts).toBe(1);
        expect(future.done()).toBe(false);
        expect(future.cancel()).toBe(true);
        await expect(future.result()).rejects.toBeInstanceOf(CancelledError);
        await executor.shutdown(); // does not wait for the cancelled backoff
        expect(runsIn(join(dir, 'a'))).toBe(1);
      });

      it('never retries an abort', async () => {
        const executor = create(1);
        const controller = new AbortController();
        const future = executor.submitWith({ retries: 3, signal: controller.signal }, failTimes, join(dir, 'a'), 0, 'x', true);
        // The task runs, and the executor knows it (a queue learns of the start from an event that may come later).
        for (let i = 0; i < 2000 && (runsIn(join(dir, 'a')) === 0 || future.attempts === 0); i++) await sleep(5);
        controller.abort(new Error('stop'));
        await expect(future.result(10_000)).rejects.toThrow('stop');
        await sleep(50);
        expect(future.attempts).toBe(1);
        expect(runsIn(join(dir, 'a'))).toBe(1);
      });

      it('shutdown() waits for a task between its attempts; cancelFutures cancels it in its backoff', async () => {
        const executor = create(1);
        const future = executor.submitWith({ retries: 1, backoff: 30 }, failTimes, join(dir, 'a'), 1, 'later');
        await executor.shutdown();
        expect(future.state).toBe('FINISHED');
        await expect(future.result()).resolves.toBe('later');
        const other = create(1);
        const waiting = other.submitWith({ retries: 1, backoff: 20_000 }, failTimes, join(dir, 'b'), 1, 'never');
        for (let i = 0; i < 2000 && !(waiting.attempts === 1 && waiting.state === 'PENDING'); i++) await sleep(5);
        await other.shutdown({ cancelFutures: true });
        expect(waiting.state).toBe('CANCELLED');
      });

      it('map() retries a failed chunk as one task', async () => {
        const executor = create(2);
        const input = [0, 1, 2, 3, 4, 5];
        const dirs = input.map(() => dir);
        const fails = input.map(() => 1);
        const values = await lastValueFrom(
          executor.map(failOnceAt, dirs, fails, input, { chunksize: 3, retries: 1 }).pipe(toArray()),
        );
        expect(values).toEqual(input.map((n) => n * 10));
        // The chunk [0, 1, 2] failed at 1 and ran again whole: 0 twice; 2 was never reached the first time.
        expect(input.map((n) => runsIn(join(dir, String(n))))).toEqual([2, 2, 1, 1, 1, 1]);
      });
    });

    it('rejects maxWorkers that is not a whole number greater than 0', () => {
      for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(() => make({ maxWorkers: bad })).toThrow(RangeError);
      }
      expect(() => make({ maxWorkers: '2' as unknown as number })).toThrow(TypeError);
      expect(() => make({ maxWorkers: 0 })).toThrow('maxWorkers must be greater than 0');
    });

    it('rejects a task that is not a function with a TypeError', () => {
      const executor = create();
      expect(() => executor.submit(42 as never)).toThrow(TypeError);
    });
  });
}
