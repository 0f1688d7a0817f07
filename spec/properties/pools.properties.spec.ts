import fc from 'fast-check';
import {
  ALL_COMPLETED,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  asCompleted,
  wait,
  type Executor,
  type Future,
  type MapOptions,
  type ReturnWhen,
} from '../../src';
import { workerPoolKinds } from './support/executorKinds';
import { budget, params } from './support/params';
import { indicesOf, waitOracle } from './support/waitOracle';

// The ordering and cancellation properties on the worker pools. Task bodies run in other threads or processes, so the
// interleavings come from real task durations (0, 4 or 12 ms, arbitrary per task) instead of fc.scheduler, and the truth
// about completion order is read from done callbacks added before the code under test looks.

/** Sleeps `ms` then returns `value`, or fails. Inline tasks are sent to the worker as source: self-contained. */
const sleepThen = (ms: number, value: number, fail: boolean) =>
  new Promise<number>((resolve, reject) =>
    setTimeout(() => (fail ? reject(new RangeError(`task ${value} failed`)) : resolve(value)), ms),
  );

// Durations far enough apart that the order they finish in differs from the input order, whatever the machine load.
const durations = fc.array(fc.constantFrom(0, 4, 12), { minLength: 1, maxLength: 8 });
const maxWorkers = fc.integer({ min: 1, max: 3 });

describe.each(workerPoolKinds)('$name', (kind) => {
  // One pool per maxWorkers, shared by the cases (starting workers is the slow part).
  const pools = new Map<number, Executor>();
  const poolFor = (workers: number): Executor => {
    if (!pools.has(workers)) pools.set(workers, kind.create(workers));
    return pools.get(workers)!;
  };
  afterAll(async () => {
    await Promise.all([...pools.values()].map((pool) => pool.shutdown({ cancelFutures: true, timeout: 2000 })));
  });

  it(
    'map keeps input order for any task durations, maxWorkers, buffersize and chunksize',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          durations,
          maxWorkers,
          fc.record({ buffersize: fc.integer({ min: 1, max: 3 }), chunksize: fc.integer({ min: 1, max: 3 }) }, { requiredKeys: [] }),
          fc.constantFrom('subscribe', 'for await'),
          async (ms, workers, options: MapOptions, reading) => {
            const values = ms.map((_, i) => i * 7);
            const results = poolFor(workers).map(sleepThen, ms, values, ms.map(() => false), options);
            const read: number[] = [];
            if (reading === 'for await') for await (const value of results) read.push(value);
            else await new Promise<void>((resolve, reject) => results.subscribe({ next: (v) => read.push(v), error: reject, complete: resolve }));
            expect(read).toEqual(values);
          },
        ),
        params(kind.runs, 10_000),
      );
    },
    budget(60_000),
  );

  it(
    'asCompleted yields each future once, in completion order',
    async () => {
      await fc.assert(
        fc.asyncProperty(durations, maxWorkers, fc.array(fc.nat(), { minLength: 1, maxLength: 10 }), async (ms, workers, picks) => {
          const pool = poolFor(workers);
          const futures = ms.map((d, i) => pool.submit(sleepThen, d, i, false));
          const completionOrder: Future<number>[] = [];
          for (const future of futures) future.addDoneCallback((f) => completionOrder.push(f));
          const watched = picks.map((pick) => futures[pick % futures.length]!);
          const unique = [...new Set(watched)];
          const doneBefore = unique.filter((f) => f.done());
          const yielded: Future<number>[] = [];
          await new Promise<void>((resolve, reject) =>
            asCompleted(watched).subscribe({ next: (f) => yielded.push(f), error: reject, complete: resolve }),
          );
          const later = completionOrder.filter((f) => unique.includes(f) && !doneBefore.includes(f));
          expect(yielded).toEqual([...doneBefore, ...later]);
          await Promise.allSettled(futures);
        }),
        params(kind.runs, 10_000),
      );
    },
    budget(60_000),
  );

  it(
    'wait returns the exact partition for each returnWhen',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          durations,
          maxWorkers,
          fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
          fc.constantFrom<ReturnWhen>(FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED),
          async (ms, workers, fails, returnWhen) => {
            const pool = poolFor(workers);
            const futures = ms.map((d, i) => pool.submit(sleepThen, d, i, fails[i]!));
            const oracle = waitOracle(futures, returnWhen, (i) => fails[i]!);
            const { done, notDone } = await wait(futures, { returnWhen });
            const expected = oracle.atCondition!;
            expect(indicesOf(futures, done)).toEqual(indicesOf(futures, expected));
            expect(indicesOf(futures, notDone)).toEqual(futures.map((_, i) => i).filter((i) => !expected.has(futures[i]!)));
            await Promise.allSettled(futures);
          },
        ),
        params(kind.runs, 10_000),
      );
    },
    budget(60_000),
  );

  it(
    'cancel() and shutdown({ cancelFutures: true }) are exact, and every done callback runs once',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          durations,
          maxWorkers,
          fc.array(fc.tuple(fc.nat({ max: 8 }), fc.nat()), { maxLength: 4 }),
          fc.option(fc.nat({ max: 8 }), { nil: undefined }),
          async (ms, workers, cancels, shutdownAt) => {
            const pool = kind.create(workers);
            const problems: string[] = [];
            const calls = new Map<Future<number>, number>();
            const futures = ms.map((d, i) => pool.submit(sleepThen, d, i, false));
            for (const future of futures) future.addDoneCallback((f) => calls.set(f, (calls.get(f) ?? 0) + 1));
            const actions = cancels.map(
              ([at, pick]) =>
                new Promise<void>((resolve) =>
                  setTimeout(() => {
                    const future = futures[pick % futures.length]!;
                    const before = future.state;
                    const returned = future.cancel();
                    if (returned !== (before === 'PENDING' || before === 'CANCELLED')) {
                      problems.push(`cancel() of a ${before} future returned ${returned}`);
                    }
                    resolve();
                  }, at),
                ),
            );
            if (shutdownAt !== undefined) {
              actions.push(
                new Promise<void>((resolve) =>
                  setTimeout(() => {
                    const before = futures.map((f) => f.state);
                    void pool.shutdown({ cancelFutures: true, wait: false });
                    futures.forEach((f, i) => {
                      const expected = before[i] === 'PENDING' ? 'CANCELLED' : before[i];
                      if (f.state !== expected) problems.push(`shutdown turned a ${before[i]} future into ${f.state}`);
                    });
                    resolve();
                  }, shutdownAt),
                ),
              );
            }
            await Promise.all(actions);
            await pool.shutdown({ timeout: 5000 });
            expect(problems).toEqual([]);
            expect(futures.filter((f) => !f.done()).map(String)).toEqual([]);
            expect(futures.map((f) => calls.get(f))).toEqual(futures.map(() => 1));
          },
        ),
        params(Math.ceil(kind.runs / 2), 10_000), // a fresh pool per case: shutdown ends it
      );
    },
    budget(60_000),
  );
});
