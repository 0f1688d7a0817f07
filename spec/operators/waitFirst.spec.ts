import fc from 'fast-check';
import { NEVER, from, lastValueFrom, map, mergeAll, toArray, timer } from 'rxjs';
import { Future } from '../../src/Future';
import { CancelledError } from '../../src/errors/CancelledError';
import { TimeoutError } from '../../src/errors/TimeoutError';
import { waitFirst } from '../../operators/waitFirst';
import { newScheduler, named } from './helpers/marbles';
import { VirtualExecutor } from './helpers/VirtualExecutor';
import { executorFactories, recordFutures } from './helpers/executors';
import { virtualFuture } from './helpers/virtualFuture';

describe('waitFirst (virtual time)', () => {
  it('emits the first future to complete, completes, and unsubscribes from the source', () => {
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const a = virtualFuture(6, 'A');
      const b = virtualFuture(3, 'B');
      const source = hot('a-b-----|', { a, b });
      expectObservable(source.pipe(waitFirst(), named({ a, b }))).toBe('---(b|)');
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('lets a future that is already done win at once; a failed future can win', () => {
    const failed = new Future<string>();
    failed.setRunningOrNotifyCancel();
    failed.setException(new Error('lost the disk'));
    newScheduler().run(({ cold, expectObservable }) => {
      const slow = virtualFuture(1, 'S');
      expectObservable(cold('sf|', { s: slow, f: failed }).pipe(waitFirst(), named({ s: slow, f: failed }))).toBe('-(s|)');
      expectObservable(cold('(fs|)', { s: slow, f: failed }).pipe(waitFirst(), named({ s: slow, f: failed }))).toBe('(f|)');
    });
  });

  it('completes empty for a source without futures, and times out with TimeoutError', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold<Future<number>>('--|').pipe(waitFirst())).toBe('--|');
      const error = new TimeoutError('1 (of 1) futures unfinished');
      expectObservable(cold('(a|)', { a: virtualFuture(9, 1) }).pipe(waitFirst({ timeout: 4 }))).toBe('----#', undefined, error);
    });
  });

  it('with cancelOthers, cancels the queued losers and aborts the running ones; without it, touches nothing', () => {
    for (const cancelOthers of [true, false]) {
      const executor = new VirtualExecutor(2);
      const futures = recordFutures(executor);
      newScheduler().run(() => {
        const durations = [5, 2, 1];
        const submitted = durations.map((ms) => executor.submit((d: number) => timer(d).pipe(map(() => d)) as unknown as number, ms));
        from(submitted).pipe(waitFirst({ cancelOthers })).subscribe();
      });
      if (cancelOthers) {
        // 5 and 2 started on the two workers; 2 won; 5 was aborted while running; 1 was cancelled in the queue.
        expect(futures.map((f) => f.state)).toEqual(['FINISHED', 'FINISHED', 'CANCELLED']);
        expect(executor.started).toEqual([[5], [2]]);
        expect(executor.log).toEqual([2]);
      } else {
        expect(futures.map((f) => f.state)).toEqual(['FINISHED', 'FINISHED', 'FINISHED']);
        expect(executor.log).toEqual([2, 1, 5]);
      }
    }
  });

  it('does not cancel anything when unsubscribed before there is a winner', () => {
    const executor = new VirtualExecutor(1);
    const futures = recordFutures(executor);
    newScheduler().run(({ cold, expectObservable }) => {
      const submitted = [executor.submit(() => NEVER as unknown as number), executor.submit(() => 1)];
      expectObservable(cold('(ab)', { a: submitted[0], b: submitted[1] }).pipe(waitFirst({ cancelOthers: true })), '^-!').toBe('');
    });
    expect(futures.map((f) => f.state)).toEqual(['RUNNING', 'PENDING']);
    futures.forEach((future) => future.cancel() || future._abort(new CancelledError('test cleanup')));
  });

  it('rejects bad options when the operator is created', () => {
    expect(() => waitFirst({ cancelOthers: 'yes' as never })).toThrow(TypeError);
    expect(() => waitFirst({ timeout: Number.NaN })).toThrow(RangeError);
  });

  it('property: emits the future that completes earliest', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 12 }), (durations) => {
        let winner: Future<number> | undefined;
        let futures: Future<number>[] = [];
        newScheduler().run(() => {
          futures = durations.map((ms, i) => virtualFuture(ms, i));
          from(futures).pipe(waitFirst()).subscribe((future) => (winner = future));
        });
        expect(winner).toBe(futures[durations.indexOf(Math.min(...durations))]);
      }),
    );
  });
});

describe.each(executorFactories)('waitFirst on %s', (_kind, createExecutor) => {
  it('races tasks: the one that completes wins and the others are cancelled or aborted', async () => {
    const executor = createExecutor(3);
    try {
      const futures = recordFutures(executor);
      const hang = () => new Promise<string>(() => undefined); // ends only if aborted
      const quick = () => new Promise<string>((resolve) => setTimeout(() => resolve('quick'), 5));
      const submitted = [executor.submit(hang), executor.submit(quick), executor.submit(hang), executor.submit(hang)];
      const values = await lastValueFrom(from(submitted).pipe(waitFirst({ cancelOthers: true }), mergeAll(), toArray()));
      expect(values).toEqual(['quick']);
      expect(futures.filter((f) => !f.done())).toEqual([]);
      for (const loser of [futures[0], futures[2], futures[3]] as Future<unknown>[]) {
        if (!loser.cancelled()) await expect(loser.exception()).resolves.toBeInstanceOf(CancelledError);
      }
    } finally {
      await executor.shutdown();
    }
  });
});
