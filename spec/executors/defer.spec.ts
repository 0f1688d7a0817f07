import { Subject, firstValueFrom, lastValueFrom, map, switchMap, timer, toArray } from 'rxjs';
import { CancelledError } from '../../src/errors/CancelledError';
import { AsyncExecutor } from '../../src/executors/AsyncExecutor';
import type { Executor } from '../../src/executors/Executor';
import { taskSignal } from '../../src/taskSignal';
import { newScheduler } from '../operators/helpers/marbles';
import { VirtualExecutor } from '../operators/helpers/VirtualExecutor';
import { recordFutures } from '../operators/helpers/executors';

/** A virtual-time search: 3 frames, then the query in capitals. */
const search = (query: string) => timer(3).pipe(map(() => query.toUpperCase())) as unknown as string;

describe('Executor.defer (virtual time)', () => {
  it('is cold: submits on each subscription, not before', () => {
    const executor = new VirtualExecutor(2);
    const futures = recordFutures(executor);
    newScheduler().run(({ expectObservable }) => {
      const deferred = executor.defer(search, 'q');
      expect(futures).toHaveLength(0);
      expectObservable(deferred).toBe('---(Q|)');
      expectObservable(deferred).toBe('---(Q|)');
    });
    expect(futures).toHaveLength(2);
  });

  it('with switchMap, a new query aborts the running search and cancels the queued one', () => {
    const executor = new VirtualExecutor(1);
    const futures = recordFutures(executor);
    newScheduler().run(({ hot, expectObservable }) => {
      const queries = hot('-a-b-------c----|');
      expectObservable(queries.pipe(switchMap((q) => executor.defer(search, q)))).toBe('------B-------C-|');
    });
    expect(executor.log).toEqual(['B', 'C']); // a never delivered: it was stopped when b arrived
    expect(futures.map((f) => f.state)).toEqual(['FINISHED', 'FINISHED', 'FINISHED']);
    return expect(futures[0]?.exception()).resolves.toBeInstanceOf(CancelledError);
  });

  it('unsubscribing while the task is queued cancels it, so it never starts', () => {
    const executor = new VirtualExecutor(1);
    const futures = recordFutures(executor);
    newScheduler().run(({ expectObservable }) => {
      expectObservable(executor.defer(search, 'busy')).toBe('---(B|)', { B: 'BUSY' });
      expectObservable(executor.defer(search, 'stale'), '^-!').toBe('');
    });
    expect(futures[1]?.cancelled()).toBe(true);
    expect(executor.started).toEqual([['busy']]);
  });
});

// In-process only: the task records what happened in closures, which a worker could not share.
describe('Executor.defer on AsyncExecutor', () => {
  let executor: Executor;
  beforeEach(() => {
    executor = new AsyncExecutor({ maxWorkers: 2 });
  });
  afterEach(() => executor.shutdown());

  it('typeahead: only the last query delivers; stale queued tasks never start, running ones are told to stop', async () => {
    const queries = new Subject<string>();
    const started: string[] = [];
    const stopped: string[] = [];
    const searchSlowly = async (query: string): Promise<string> => {
      started.push(query);
      const signal = taskSignal();
      await new Promise<void>((resolve) => {
        const timeout = setTimeout(resolve, query === 'rxjs' ? 0 : 10_000);
        signal.addEventListener('abort', () => {
          clearTimeout(timeout);
          stopped.push(query);
          resolve();
        });
      });
      return `results for ${query}`;
    };
    const results = lastValueFrom(queries.pipe(switchMap((q) => executor.defer(searchSlowly, q)), toArray()));
    queries.next('r');
    queries.next('rx');
    await new Promise((resolve) => setTimeout(resolve, 20));
    queries.next('rxjs');
    await firstValueFrom(timer(20));
    queries.complete();
    expect(await results).toEqual(['results for rxjs']);
    // 'r' was replaced while still queued, so it never started; 'rx' was running and was aborted.
    expect(started).toEqual(['rx', 'rxjs']);
    expect(stopped).toEqual(['rx']);
  });
});
