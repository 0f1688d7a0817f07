import fc from 'fast-check';
import { Subject, concatMap, from, lastValueFrom, map, mergeAll, timer, toArray } from 'rxjs';
import { Future } from '../../src/Future';
import { asCompleted as asCompletedFunction } from '../../src/asCompleted';
import { TimeoutError } from '../../src/errors/TimeoutError';
import { asCompleted } from '../../operators/asCompleted';
import { newScheduler, named } from './helpers/marbles';
import { executorFactories, recordCompletions } from './helpers/executors';
import { virtualFuture } from './helpers/virtualFuture';

describe('asCompleted operator (virtual time)', () => {
  it('emits each future when it completes, and completes when the source and every future are done', () => {
    newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = virtualFuture(6, 'A');
      const b = virtualFuture(2, 'B');
      const c = virtualFuture(4, 'C');
      const source = cold('a-b-c|', { a, b, c });
      expectObservable(source.pipe(asCompleted(), named({ a, b, c }))).toBe('--b-c-(a|)');
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
  });

  it('emits a future that is already done at once, and each future once however often it arrives', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const done = new Future<string>();
      done.setRunningOrNotifyCancel();
      done.setResult('D');
      const later = virtualFuture(3, 'L');
      const source = cold('dld-l-|', { d: done, l: later });
      expectObservable(source.pipe(asCompleted(), named({ d: done, l: later }))).toBe('d--l--|');
    });
  });

  it('errors with TimeoutError counting the unfinished futures, and detaches on unsubscribe', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const a = virtualFuture(2, 'A');
      const b = virtualFuture(9, 'B');
      const source = cold('(ab|)', { a, b });
      const error = new TimeoutError('1 (of 2) futures unfinished');
      expectObservable(source.pipe(asCompleted({ timeout: 5 }), named({ a, b }))).toBe('--a--#', undefined, error);
    });
  });

  it('uses the module function\'s TimeoutError and message format', async () => {
    const never = new Future<number>();
    const viaFunction = await lastValueFrom(asCompletedFunction([never], { timeout: 1 })).catch((e: unknown) => e);
    const viaOperator = await lastValueFrom(from([never]).pipe(asCompleted({ timeout: 1 }))).catch((e: unknown) => e);
    expect(viaOperator).toBeInstanceOf(TimeoutError);
    expect(viaFunction).toBeInstanceOf(TimeoutError);
    expect((viaOperator as Error).message).toBe((viaFunction as Error).message);
  });

  it('says when the source of futures is still open at the timeout', () => {
    newScheduler().run(({ hot, expectObservable }) => {
      const error = new TimeoutError('0 (of 0) futures unfinished, and the source of futures has not completed');
      expectObservable(hot<Future<number>>('---').pipe(asCompleted({ timeout: 2 }))).toBe('--#', undefined, error);
    });
  });

  it('errors with TypeError for a value that is not a future', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const result = cold('x', { x: 42 as unknown as Future<number> }).pipe(asCompleted());
      expectObservable(result).toBe('#', undefined, new TypeError('asCompleted() expects a stream of futures; received 42'));
    });
  });

  it('rejects bad options when the operator is created', () => {
    expect(() => asCompleted({ timeout: -5 })).toThrow(RangeError);
    expect(() => asCompleted('soon' as never)).toThrow(TypeError);
  });

  it('property: each future once, in completion order, and only once it is done; nothing stays attached', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ arrival: fc.nat(5), duration: fc.nat(10), repeat: fc.boolean() }), { maxLength: 20 }),
        (specs) => {
          const completions: Future<unknown>[] = [];
          const arrivedPending = new Set<Future<unknown>>();
          const emitted: Future<unknown>[] = [];
          let completed = false;
          newScheduler().run(() => {
            const futures = specs.map((spec, i) => virtualFuture(spec.duration, i, completions));
            const arrivals = specs.flatMap((spec, i) => (spec.repeat ? [i, i] : [i]));
            from(arrivals)
              .pipe(
                concatMap((i) => timer(specs[i]?.arrival ?? 0).pipe(map(() => futures[i] as Future<number>))),
                map((future) => (future.done() || arrivedPending.add(future), future)),
                asCompleted(),
              )
              .subscribe({
                next: (future) => {
                  expect(future.done()).toBe(true);
                  emitted.push(future);
                },
                complete: () => (completed = true),
              });
          });
          expect(completed).toBe(true);
          expect(new Set(emitted).size).toBe(specs.length);
          expect(emitted.length).toBe(specs.length);
          const pendingOnes = emitted.filter((future) => arrivedPending.has(future));
          expect(pendingOnes).toEqual(completions.filter((future) => arrivedPending.has(future)));
        },
      ),
    );
  });
});

describe.each(executorFactories)('asCompleted operator on %s', (_kind, createExecutor) => {
  it('yields submitted futures in completion order; mergeAll() over them yields the values', async () => {
    const executor = createExecutor(3);
    try {
      const delays = [60, 0, 30];
      const sleepThen = (ms: number) => new Promise<number>((resolve) => setTimeout(() => resolve(ms), ms));
      const futures = () => delays.map((ms) => executor.submit(sleepThen, ms));
      const completed = recordCompletions(executor);
      const order = await lastValueFrom(from(futures()).pipe(asCompleted(), toArray()));
      expect(order).toEqual(completed);
      completed.length = 0;
      const values = await lastValueFrom(from(futures()).pipe(mergeAll(), toArray()));
      expect(values).toEqual(await Promise.all(completed));
      expect([...values].sort((a, b) => a - b)).toEqual([0, 30, 60]);
    } finally {
      await executor.shutdown();
    }
  });

  it('waits for futures that arrive later from a Subject', async () => {
    const executor = createExecutor(2);
    try {
      const source = new Subject<Future<number>>();
      const result = lastValueFrom(source.pipe(asCompleted(), toArray()));
      const first = executor.submit((x: number) => x, 1);
      source.next(first);
      await first;
      const second = executor.submit((x: number) => x, 2);
      source.next(second);
      source.complete();
      expect(await result).toEqual([first, second]);
    } finally {
      await executor.shutdown();
    }
  });
});
