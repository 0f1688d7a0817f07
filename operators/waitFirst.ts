import { Observable, asyncScheduler, type OperatorFunction } from 'rxjs';
import type { Future } from '../src/Future';
import { CancelledError } from '../src/errors/CancelledError';
import type { TimeoutError } from '../src/errors/TimeoutError'; // for {@link} in the doc comment
import { CompletionWatch } from '../src/internal/CompletionWatch';
import { cancelOrAbort } from '../src/internal/cancelOrAbort';
import { checkOptions, checkTimeout, describe, keysOf } from '../src/internal/validate';
import { subscribeToFutures } from './internal/subscribeToFutures';

/**
 * Options of {@link waitFirst}. Times are in milliseconds.
 *
 * @example
 * ```ts
 * mirrors$.pipe(map((url) => executor.submit(download, url)), waitFirst({ cancelOthers: true, timeout: 10_000 }));
 * ```
 */
export interface WaitFirstOptions {
  /**
   * Once a winner is known (or the timeout passed), cancel every other future received so far and abort those
   * running: a race. Only set it for futures this pipeline owns. @default false
   */
  cancelOthers?: boolean;
  /** Milliseconds from subscription until the stream errors with {@link TimeoutError}. @default no limit */
  timeout?: number;
}

/**
 * Emits the first future of the source to complete, then completes: Python's `wait(FIRST_COMPLETED)` as an operator.
 *
 * A future that is already done when it arrives wins at once. "Complete" means done in any way: a failed or cancelled
 * future can win, and the winner is emitted as a future so the caller decides how to read it (`await`, `mergeAll()`).
 * If the source completes without giving any future, the stream completes empty. The source is unsubscribed as soon
 * as there is a winner.
 *
 * With `cancelOthers`, the futures that lost (received before the winner and not done) are cancelled if still queued
 * and aborted if running, so a race stops the losers' work. Without it the operator only watches. Unsubscribing before
 * a winner is known never cancels anything. With `timeout`, the stream errors with {@link TimeoutError} (and, with
 * `cancelOthers`, every received future is cancelled or aborted). The timer runs on RxJS's `asyncScheduler`.
 *
 * @example
 * ```ts
 * import { from, mergeAll } from 'rxjs';
 * import { AsyncExecutor } from 'rxfutures';
 * import { waitFirst } from 'rxfutures/operators';
 *
 * const executor = new AsyncExecutor();
 * const mirrors = ['https://a.example/file', 'https://b.example/file'];
 * from(mirrors.map((url) => executor.submit(async () => (await fetch(url)).arrayBuffer())))
 *   .pipe(waitFirst({ cancelOthers: true }), mergeAll())
 *   .subscribe((body) => console.log('fastest mirror sent', body.byteLength, 'bytes'));
 * ```
 *
 * @param options - `cancelOthers` and `timeout`: see {@link WaitFirstOptions}.
 * @returns an operator emitting the first completed future of the source.
 * @throws TypeError/RangeError for bad options (at the call). The stream errors with TypeError if the source emits
 * something that is not a Future.
 * @see {@link asCompleted} for every future in completion order.
 * @see {@link https://rxjs.dev/api/index/function/race | RxJS race}, which races Observables rather than futures.
 */
export function waitFirst<F extends Future<unknown>>(options?: WaitFirstOptions): OperatorFunction<F, F> {
  const { cancelOthers = false, timeout } = checkOptions<WaitFirstOptions>('waitFirst()', options, keysOf<WaitFirstOptions>({ cancelOthers: true, timeout: true }));
  if (typeof cancelOthers !== 'boolean') {
    throw new TypeError(`cancelOthers must be a boolean; received ${describe(cancelOthers)}`);
  }
  const limit = checkTimeout('timeout', timeout);

  return (source) =>
    new Observable<F>((subscriber) => {
      /** Set once there is a winner or the timeout passed: the reason the losers are stopped with. */
      let decided: Error | undefined;
      const watch = new CompletionWatch<F>(
        (future) => {
          decided = new CancelledError('waitFirst(): another future completed first');
          subscriber.next(future);
          subscriber.complete();
        },
        () => subscriber.complete(),
      );
      const timer =
        limit === undefined
          ? undefined
          : asyncScheduler.schedule(() => {
              decided = watch.timeoutError();
              subscriber.error(decided);
            }, limit);
      const subscription = subscribeToFutures('waitFirst', source, subscriber, {
        next: (future) => {
          if (decided === undefined) watch.watch(future);
        },
        complete: () => watch.seal(),
      });
      return () => {
        timer?.unsubscribe();
        subscription.unsubscribe();
        const losers = [...watch.pending()];
        watch.dispose();
        if (cancelOthers && decided !== undefined) cancelOrAbort(losers, decided);
      };
    });
}
