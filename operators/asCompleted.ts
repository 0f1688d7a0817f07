import { Observable, asyncScheduler, type OperatorFunction } from 'rxjs';
import type { Future } from '../src/Future';
import type { AsCompletedOptions } from '../src/asCompleted';
import type { TimeoutError } from '../src/errors/TimeoutError'; // for {@link} in the doc comment
import { CompletionWatch } from '../src/internal/CompletionWatch';
import { checkOptions, checkTimeout, keysOf } from '../src/internal/validate';
import { subscribeToFutures } from './internal/subscribeToFutures';

/**
 * Re-emits each future of the source once it completes, in completion order: the operator form of the module
 * function `asCompleted`, for a stream of futures that arrives over time.
 *
 * A future that is already done when it arrives is emitted at once. A future that arrives again is ignored: each is
 * emitted once. The stream completes when the source has completed and every future it gave is done. The operator
 * only watches: it never cancels the futures (they belong to whoever submitted them), and unsubscribing only detaches
 * its listeners.
 *
 * With `timeout`, the stream errors with the same {@link TimeoutError} as the module function, e.g.
 * `"2 (of 5) futures unfinished"`, if it has not completed that many milliseconds after subscription. The timer runs
 * on RxJS's `asyncScheduler`, so it follows virtual time in `TestScheduler.run`.
 *
 * To get the values rather than the futures, `mergeAll()` is enough: a future is an Observable of its value.
 *
 * @example
 * ```ts
 * import { Subject } from 'rxjs';
 * import { AsyncExecutor, type Future } from 'rxfutures';
 * import { asCompleted } from 'rxfutures/operators';
 *
 * const executor = new AsyncExecutor();
 * const futures = new Subject<Future<number>>();
 * futures.pipe(asCompleted({ timeout: 5000 })).subscribe(async (future) => console.log(await future)); // 1, then 2
 * futures.next(executor.submit(async () => (await new Promise((r) => setTimeout(r, 50)), 2)));
 * futures.next(executor.submit(() => 1));
 * futures.complete();
 * ```
 *
 * @param options - `timeout` in milliseconds. @default no timeout
 * @returns an operator emitting each source future once, when it is done.
 * @throws TypeError/RangeError for bad options (at the call). The stream errors with TypeError if the source emits
 * something that is not a Future.
 * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.as_completed | Python's as_completed}
 * @see {@link waitFirst} for the first one only.
 */
export function asCompleted<F extends Future<unknown>>(options?: AsCompletedOptions): OperatorFunction<F, F> {
  const { timeout } = checkOptions<AsCompletedOptions>('the asCompleted() operator', options, keysOf<AsCompletedOptions>({ timeout: true }));
  const limit = checkTimeout('timeout', timeout);

  return (source) =>
    new Observable<F>((subscriber) => {
      const seen = new WeakSet<F>();
      const watch = new CompletionWatch<F>(
        (future) => subscriber.next(future),
        () => subscriber.complete(),
      );
      const timer = limit === undefined ? undefined : asyncScheduler.schedule(() => subscriber.error(watch.timeoutError()), limit);
      const subscription = subscribeToFutures('asCompleted', source, subscriber, {
        next: (future) => {
          if (seen.has(future)) return;
          seen.add(future);
          watch.watch(future);
        },
        complete: () => watch.seal(),
      });
      return () => {
        timer?.unsubscribe();
        subscription.unsubscribe();
        watch.dispose();
      };
    });
}
