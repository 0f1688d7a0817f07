import fc from 'fast-check';
import { EMPTY, Subject, from, take, throwError, toArray, firstValueFrom, lastValueFrom, tap } from 'rxjs';
import { resolve } from 'node:path';
import { CancelledError } from '../../src/errors/CancelledError';
import { ExecutorShutdownError } from '../../src/errors/ExecutorShutdownError';
import { TimeoutError } from '../../src/errors/TimeoutError';
import type { Executor } from '../../src/executors/Executor';
import { AsyncExecutor } from '../../src/executors/AsyncExecutor';
import { moduleTask } from '../../src/tasks/moduleTask';
import { mapOrdered } from '../../operators/mapOrdered';
import { newScheduler, boom, letterTask } from './helpers/marbles';
import { VirtualExecutor } from './helpers/VirtualExecutor';
import { executorFactories, isJobFailure, jobTask, recordFutures, turns, type Job } from './helpers/executors';
import { expectCleanStopAtAnyMoment, virtualRun, virtualRunArbitrary } from './helpers/virtualRun';

describe('mapOrdered (virtual time)', () => {
  it('emits in source order, holding early results until their predecessors are out', () => {
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a-b-c-------|');
      expectObservable(source.pipe(mapOrdered(new VirtualExecutor(10), letterTask()))).toBe('------(ABC)--|');
      expectSubscriptions(source.subscriptions).toBe('^------------!');
    });
  });

  it('keeps at most maxInFlight tasks outstanding; later values wait in the operator', () => {
    const executor = new VirtualExecutor(10);
    newScheduler().run(({ hot, expectObservable }) => {
      const source = hot('-a-b-c-|');
      expectObservable(source.pipe(mapOrdered(executor, letterTask(), { maxInFlight: 1 }))).toBe('------AB(C|)');
    });
    expect(executor.peakLive).toBe(1);
  });

  it('counts a finished task against maxInFlight until it is emitted', () => {
    // b finishes at 4 but a (the head) only at 6: with maxInFlight 2, c may not start before a and b are out.
    const executor = new VirtualExecutor(10);
    newScheduler().run(({ hot, expectObservable }) => {
      const source = hot('-a-be--------|');
      expectObservable(source.pipe(mapOrdered(executor, letterTask(), { maxInFlight: 2 }))).toBe('------(AB)-E-|');
    });
    expect(executor.started).toEqual([['a'], ['b'], ['e']]);
  });

  it('unsubscribing cancels the queued work, aborts the running task and starts nothing more', () => {
    const executor = new VirtualExecutor(1);
    const futures = recordFutures(executor);
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a-b-c-|');
      expectObservable(source.pipe(mapOrdered(executor, letterTask(), { maxInFlight: 2 })), '^---!').toBe('-');
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
    expect(executor.started).toEqual([['a']]); // b was submitted but never started; c never became a task
    expect(futures.map((f) => f.state)).toEqual(['FINISHED', 'CANCELLED']);
    return expect(futures[0]?.exception()).resolves.toBeInstanceOf(CancelledError);
  });

  it('errors at the failed task position in output order, after the results before it', () => {
    const executor = new VirtualExecutor(10);
    const futures = recordFutures(executor);
    newScheduler().run(({ hot, expectObservable }) => {
      const source = hot('-a-b-c-|');
      expectObservable(source.pipe(mapOrdered(executor, letterTask(true)))).toBe('------(A#)', undefined, boom);
    });
    // b failed at 4; c arrived at 5 and was never submitted, as it could never be emitted.
    expect(executor.started).toEqual([['a'], ['b']]);
    expect(futures.every((f) => f.done())).toBe(true);
  });

  it('errors with the source error and aborts what is running', () => {
    const executor = new VirtualExecutor(10);
    const futures = recordFutures(executor);
    newScheduler().run(({ hot, expectObservable }) => {
      const source = hot('-a-#');
      expectObservable(source.pipe(mapOrdered(executor, letterTask()))).toBe('---#');
    });
    expect(futures.map((f) => f.state)).toEqual(['FINISHED']);
    return expect(futures[0]?.exception()).resolves.toBeInstanceOf(CancelledError);
  });

  it('sends waiting values as chunks when a place frees up, keeping order', () => {
    const executor = new VirtualExecutor(10);
    newScheduler().run(({ cold, expectObservable }) => {
      const source = cold('(abcd|)');
      const result = source.pipe(mapOrdered(executor, letterTask(), { maxInFlight: 1, chunksize: 2 }), toArray());
      expectObservable(result).toBe('--------(x|)', { x: ['A', 'B', 'C', 'D'] });
    });
    // a goes alone at once (a free place is never held back to fill a chunk); then b+c, then d.
    expect(executor.taskSizes).toEqual([1, 2, 1]);
  });

  it('completes at once for an empty source and passes a synchronous error through', () => {
    newScheduler().run(({ expectObservable }) => {
      const executor = new VirtualExecutor(1);
      expectObservable(EMPTY.pipe(mapOrdered(executor, letterTask()))).toBe('|');
      expectObservable(throwError(() => boom).pipe(mapOrdered(executor, letterTask()))).toBe('#', undefined, boom);
    });
  });

  it('property: output is the source order for any arrivals, durations, maxInFlight, chunksize and workers', () => {
    fc.assert(
      fc.property(virtualRunArbitrary, (scenario) => {
        const { output, executor } = virtualRun(scenario, (executor, task, options) => mapOrdered(executor, task, options));
        expect(output).toEqual(scenario.jobs.map((job) => job.v));
        expect(executor.peakLive).toBeLessThanOrEqual(scenario.options.maxInFlight);
      }),
    );
  });

  it('property: unsubscribing at any moment leaves no future pending and starts no task that had not started', () => {
    expectCleanStopAtAnyMoment((executor, task, options) => mapOrdered(executor, task, options));
  });
});

describe('mapOrdered arguments', () => {
  const executor = new VirtualExecutor(2);
  it.each([
    ['a missing executor', () => mapOrdered(undefined as unknown as Executor, (x: number) => x), TypeError],
    ['a task that is not a function', () => mapOrdered(executor, 42 as unknown as (x: number) => number), TypeError],
    ['options that are not an object', () => mapOrdered(executor, (x: number) => x, 3 as never), TypeError],
    ['maxInFlight 0', () => mapOrdered(executor, (x: number) => x, { maxInFlight: 0 }), RangeError],
    ['maxInFlight 1.5', () => mapOrdered(executor, (x: number) => x, { maxInFlight: 1.5 }), RangeError],
    ['chunksize "2"', () => mapOrdered(executor, (x: number) => x, { chunksize: '2' as never }), TypeError],
    ['timeout -1', () => mapOrdered(executor, (x: number) => x, { timeout: -1 }), RangeError],
    ['priority -1', () => mapOrdered(executor, (x: number) => x, { priority: -1 }), RangeError],
    ['priority "1"', () => mapOrdered(executor, (x: number) => x, { priority: '1' as never }), TypeError],
    ['a misspelt priority', () => mapOrdered(executor, (x: number) => x, { priorty: 1 } as never), TypeError],
  ])('rejects %s when the operator is created', (_name, create, Kind) => {
    expect(create).toThrow(Kind);
  });
});

describe('mapOrdered with a priority', () => {
  it("queues the operator's tasks behind more urgent work, and ahead of less urgent", async () => {
    const executor = new AsyncExecutor({ maxWorkers: 1 });
    try {
      const order: string[] = [];
      const step = (tag: string) => new Promise<string>((resolve) => setTimeout(() => (order.push(tag), resolve(tag)), 1));
      const blocker = executor.submit(step, 'blocker');
      const mapped = lastValueFrom(from(['m1', 'm2']).pipe(mapOrdered(executor, step, { priority: 5 }), toArray()));
      const urgent = executor.submitWith({ priority: 1 }, step, 'urgent');
      const later = executor.submitWith({ priority: 9 }, step, 'later');
      await Promise.all([blocker, mapped, urgent, later]);
      expect(order).toEqual(['blocker', 'urgent', 'm1', 'm2', 'later']);
    } finally {
      await executor.shutdown();
    }
  });
});

describe.each(executorFactories)('mapOrdered on %s', (_kind, createExecutor) => {
  let executor: Executor;
  beforeEach(() => {
    executor = createExecutor(3);
  });
  afterEach(() => executor.shutdown({ cancelFutures: true }));

  const jobs = (ticks: number[]): Job[] => ticks.map((t, v) => ({ v, ticks: t }));

  it('emits results in source order whatever order the tasks finish in', async () => {
    const input = jobs([6, 0, 3, 1, 5, 0, 2, 4]);
    const output = await lastValueFrom(from(input).pipe(mapOrdered(executor, jobTask), toArray()));
    expect(output).toEqual(input.map((job) => job.v * 10));
  });

  it('keeps order with chunks', async () => {
    const input = jobs([3, 0, 2, 1, 0, 4, 1, 0, 2, 3, 1]);
    const output = await lastValueFrom(from(input).pipe(mapOrdered(executor, jobTask, { chunksize: 3 }), toArray()));
    expect(output).toEqual(input.map((job) => job.v * 10));
  });

  it('errors with the first failure in output order and leaves no future pending', async () => {
    const futures = recordFutures(executor);
    const input: Job[] = [
      { v: 0, ticks: 4 },
      { v: 1, ticks: 2, fail: true },
      { v: 2, ticks: 0, fail: true },
      ...jobs([1, 1, 1, 1, 1, 1]).map((job) => ({ ...job, v: job.v + 3 })),
    ];
    const seen: number[] = [];
    const error = await lastValueFrom(from(input).pipe(mapOrdered(executor, jobTask), tap((v) => seen.push(v)))).catch(
      (e: unknown) => e,
    );
    expect(isJobFailure(error, 1)).toBe(true);
    expect(seen).toEqual([0]);
    await turns(2);
    expect(futures.filter((f) => !f.done())).toEqual([]);
  });

  it('fails a task that runs past its timeout with TimeoutError, and the executor keeps working', async () => {
    const never = (x: number) => (x === 1 ? new Promise<number>(() => undefined) : x);
    const error = await lastValueFrom(from([0, 1, 2]).pipe(mapOrdered(executor, never, { timeout: 20 }))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TimeoutError);
    await expect(executor.submit((x: number) => x + 1, 1)).resolves.toBe(2);
  });

  it('runs a moduleTask, alone and in chunks', async () => {
    const triple = moduleTask<(n: number) => number>(resolve(__dirname, '../fixtures/poolTasks.cjs'), 'triple');
    for (const chunksize of [1, 2]) {
      const output = await lastValueFrom(from([1, 2, 3, 4, 5]).pipe(mapOrdered(executor, triple, { chunksize }), toArray()));
      expect(output).toEqual([3, 6, 9, 12, 15]);
    }
  });

  it('applies timeout to a chunk as one task', async () => {
    const never = (x: number) => (x === 3 ? new Promise<number>(() => undefined) : x);
    const seen: number[] = [];
    const error = await lastValueFrom(
      from([0, 1, 2, 3]).pipe(mapOrdered(executor, never, { chunksize: 2, maxInFlight: 1, timeout: 1000 }), tap((v) => seen.push(v))),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(seen).toEqual([0, 1, 2]); // 0 went alone, then [1, 2], then [3] timed out
  });

  it('unsubscribing (take) cancels the queued tasks and aborts the running ones', async () => {
    const futures = recordFutures(executor);
    const first = await firstValueFrom(from(jobs([0, 50, 50, 50, 50, 50, 50, 50])).pipe(mapOrdered(executor, jobTask)));
    expect(first).toBe(0);
    expect(futures.length).toBe(6); // maxInFlight = 2 * 3 workers; the other two values never became tasks
    expect(futures.filter((f) => !f.done())).toEqual([]);
    // Every other task was cancelled before it started, or aborted while running (or had already finished, held
    // behind the first result): none failed in any other way.
    for (const future of futures.slice(1)) {
      if (future._hasFailed()) await expect(future.exception()).resolves.toBeInstanceOf(CancelledError);
    }
  });

  it('errors with ExecutorShutdownError if the executor shuts down while values still wait', async () => {
    const source = new Subject<Job>();
    const result = lastValueFrom(source.pipe(mapOrdered(executor, jobTask, { maxInFlight: 1 })));
    source.next({ v: 0, ticks: 3 });
    source.next({ v: 1, ticks: 0 });
    void executor.shutdown();
    await expect(result).rejects.toBeInstanceOf(ExecutorShutdownError);
  });

  it('works downstream of take and upstream of take', async () => {
    const output = await lastValueFrom(from(jobs([2, 0, 1, 0])).pipe(take(3), mapOrdered(executor, jobTask), take(2), toArray()));
    expect(output).toEqual([0, 10]);
  });

  it('property: output equals input order for any ticks, maxInFlight and chunksize', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(4), { maxLength: 25 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        async (ticks, maxInFlight, chunksize) => {
          const input = jobs(ticks);
          const output = await lastValueFrom(
            from(input).pipe(mapOrdered(executor, jobTask, { maxInFlight, chunksize }), toArray()),
          );
          expect(output).toEqual(input.map((job) => job.v * 10));
        },
      ),
      { numRuns: 40 },
    );
  });
});
