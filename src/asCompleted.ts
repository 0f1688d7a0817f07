import type { Future } from './Future';
import { IterableObservable } from './IterableObservable';
import type { TimeoutError } from './errors/TimeoutError';
import { CompletionWatch } from './internal/CompletionWatch';
import { toFutureSet } from './internal/toFutureSet';
import { checkOptions, checkTimeout, keysOf } from './internal/validate';

/**
 * Options of {@link asCompleted}. Times are in milliseconds.
 *
 * @example
 * ```ts
 * asCompleted(futures, { timeout: 5000 }).subscribe({ next: console.log, error: (e) => console.error(e.message) });
 * ```
 */
export interface AsCompletedOptions {
  /** Milliseconds from subscription until the stream errors with {@link TimeoutError}. @default no limit */
  timeout?: number;
}

const AS_COMPLETED_KEYS = keysOf<AsCompletedOptions>({ timeout: true });

/**
 * Yields each future once as it completes, as Python's `concurrent.futures.as_completed`: those already done first,
 * then the others in completion order. Duplicates in the input are yielded once.
 *
 * The result is a cold Observable (each subscription watches afresh; the timeout counts from subscribing) that is
 * also an async iterable. On timeout it errors with a {@link TimeoutError} such as `"6 (of 10) futures unfinished"`.
 * Cost is O(n) for n futures.
 *
 * In `for await`, TypeScript types the loop variable as the future's value (it assumes async iterables never yield
 * thenables), while at run time it is the future itself; `await future` is right either way, and `subscribe()` keeps
 * the `Future` type.
 *
 * @example
 * ```ts
 * for await (const future of asCompleted(futures, { timeout: 1000 })) {
 *   console.log(await future);
 * }
 * ```
 *
 * @throws TypeError if `futures` is not an iterable of futures; RangeError/TypeError for a bad `timeout`.
 */
export function asCompleted<F extends Future<unknown>>(futures: Iterable<F>, options?: AsCompletedOptions): IterableObservable<F> {
  const { timeout } = checkOptions<AsCompletedOptions>('asCompleted()', options, AS_COMPLETED_KEYS);
  const limit = checkTimeout('timeout', timeout);
  const watched = toFutureSet('asCompleted', futures);

  return new IterableObservable<F>((subscriber) => {
    const watch = new CompletionWatch<F>(
      (future) => subscriber.next(future),
      () => subscriber.complete(),
    );
    for (const future of watched) {
      if (subscriber.closed) break;
      watch.watch(future);
    }
    watch.seal();
    const timer = limit === undefined ? undefined : setTimeout(() => subscriber.error(watch.timeoutError()), limit);
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      watch.dispose();
    };
  });
}
