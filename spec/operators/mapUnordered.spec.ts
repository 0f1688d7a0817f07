import fc from 'fast-check';
import { from, lastValueFrom, tap, toArray } from 'rxjs';
import { CancelledError } from '../../src/errors/CancelledError';
import type { Executor } from '../../src/executors/Executor';
import { mapUnordered } from '../../operators/mapUnordered';
import { newScheduler, boom, letterTask } from './helpers/marbles';
import { VirtualExecutor } from './helpers/VirtualExecutor';
import { executorFactories, isJobFailure, jobTask, recordCompletions, recordFutures, turns, type Job } from './helpers/executors';
import { expectCleanStopAtAnyMoment, virtualRun, virtualRunArbitrary } from './helpers/virtualRun';

const byNumber = (a: number, b: number) => a - b;

describe('mapUnordered (virtual time)', () => {
  it('emits each result as soon as its task completes', () => {
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a-b-c-------|');
      expectObservable(source.pipe(mapUnordered(new VirtualExecutor(10), letterTask()))).toBe('----B-(AC)---|');
      expectSubscriptions(source.subscriptions).toBe('^------------!');
    });
  });

  it('frees a place as soon as a task completes, even ahead of a slower one', () => {
    const executor = new VirtualExecutor(10);
    newScheduler().run(({ hot, expectObservable }) => {
      const source = hot('-a-bc-----|');
      // b completes at 4, so c starts at once (mapOrdered would hold it until a is out at 6).
      expectObservable(source.pipe(mapUnordered(executor, letterTask(), { maxInFlight: 2 }))).toBe('----BCA---|');
    });
    expect(executor.peakLive).toBe(2);
  });

  it('errors with the first failure in completion order and aborts the running tasks', () => {
    const executor = new VirtualExecutor(10);
    const futures = recordFutures(executor);
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a-b-c-|');
      expectObservable(source.pipe(mapUnordered(executor, letterTask(true)))).toBe('----#', undefined, boom);
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
    expect(executor.started).toEqual([['a'], ['b']]);
    expect(futures.map((f) => f.state)).toEqual(['FINISHED', 'FINISHED']);
    return expect(futures[0]?.exception()).resolves.toBeInstanceOf(CancelledError);
  });

  it('unsubscribing cancels the queued work and aborts the running task', () => {
    const executor = new VirtualExecutor(1);
    const futures = recordFutures(executor);
    newScheduler().run(({ hot, expectObservable }) => {
      const source = hot('-a-b-c-|');
      expectObservable(source.pipe(mapUnordered(executor, letterTask(), { maxInFlight: 3 })), '^---!').toBe('-');
    });
    expect(executor.started).toEqual([['a']]);
    expect(futures.map((f) => f.state)).toEqual(['FINISHED', 'CANCELLED']);
  });

  it('property: emits exactly the results, in the order the executor completed them', () => {
    fc.assert(
      fc.property(virtualRunArbitrary, (scenario) => {
        const { output, executor, completed } = virtualRun(scenario, (executor, task, options) =>
          mapUnordered(executor, task, options),
        );
        expect(completed).toBe(true);
        expect([...output].sort(byNumber)).toEqual(scenario.jobs.map((job) => job.v));
        expect(output).toEqual(executor.log);
        expect(executor.peakLive).toBeLessThanOrEqual(scenario.options.maxInFlight);
      }),
    );
  });

  it('property: unsubscribing at any moment leaves no future pending and starts no task that had not started', () => {
    expectCleanStopAtAnyMoment((executor, task, options) => mapUnordered(executor, task, options));
  });
});

describe.each(executorFactories)('mapUnordered on %s', (_kind, createExecutor) => {
  let executor: Executor;
  beforeEach(() => {
    executor = createExecutor(3);
  });
  afterEach(() => executor.shutdown({ cancelFutures: true }));

  const jobs = (ticks: number[]): Job[] => ticks.map((t, v) => ({ v, ticks: t }));

  it('emits each result as its task completes: output order is the completion order', async () => {
    const completed = recordCompletions(executor);
    const input = jobs([40, 0, 20, 0, 5]);
    const output = await lastValueFrom(from(input).pipe(mapUnordered(executor, jobTask), toArray()));
    expect(output).toEqual(await Promise.all(completed));
    expect([...output].sort(byNumber)).toEqual(input.map((job) => job.v * 10));
  });

  it('errors with the first failure in completion order and leaves no future pending', async () => {
    const futures = recordFutures(executor);
    const completed = recordCompletions(executor);
    const input: Job[] = [
      { v: 0, ticks: 40 },
      { v: 1, ticks: 30, fail: true },
      { v: 2, ticks: 0, fail: true },
      { v: 3, ticks: 0 },
    ];
    const seen: number[] = [];
    const error = await lastValueFrom(from(input).pipe(mapUnordered(executor, jobTask), tap((v) => seen.push(v)))).catch(
      (e: unknown) => e,
    );
    const firstFailure = completed.findIndex((future) => future._hasFailed());
    expect(error).toBe(await completed[firstFailure]?.exception());
    expect(isJobFailure(error, 1) || isJobFailure(error, 2)).toBe(true);
    expect(seen).toEqual(await Promise.all(completed.slice(0, firstFailure)));
    await turns(2);
    expect(futures.filter((f) => !f.done())).toEqual([]);
  });

  it('property: emits exactly the multiset of results for any ticks, maxInFlight and chunksize', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(4), { maxLength: 25 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        async (ticks, maxInFlight, chunksize) => {
          const input = jobs(ticks);
          const output = await lastValueFrom(
            from(input).pipe(mapUnordered(executor, jobTask, { maxInFlight, chunksize }), toArray()),
          );
          expect(output.sort(byNumber)).toEqual(input.map((job) => job.v * 10));
        },
      ),
      { numRuns: 40 },
    );
  });
});
