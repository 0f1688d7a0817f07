import type { Future } from './Future';
import { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, type ReturnWhen } from './ReturnWhen';
import { forEachFuture } from './internal/toFutureSet';
import { checkOptions, checkTimeout, describe, keysOf } from './internal/validate';

/**
 * Options of {@link wait}. Times are in milliseconds (Python's are in seconds).
 *
 * @example
 * ```ts
 * const { done, notDone } = await wait(futures, { timeout: 3000, returnWhen: FIRST_EXCEPTION });
 * ```
 */
export interface WaitOptions {
  /** Milliseconds to wait at most; at the deadline `wait` returns the partition as it stands. @default no limit */
  timeout?: number;
  /** When to return. @default ALL_COMPLETED */
  returnWhen?: ReturnWhen;
}

const WAIT_KEYS = keysOf<WaitOptions>({ timeout: true, returnWhen: true });

/**
 * What {@link wait} returns: the futures that are done and those that are not (Python's `done` and `not_done`).
 *
 * `T` is the futures' value type; `F` the futures' own type, which defaults to `Future<T>` and is a union when the
 * futures differ (`wait([name, count])` gives `WaitResult<string | number, Future<string> | Future<number>>`), so each
 * future in the sets keeps its own type.
 *
 * @example
 * ```ts
 * const result: WaitResult<number> = await wait(futures, { timeout: 100 });
 * console.log(`${result.done.size} done, ${result.notDone.size} still pending`);
 * ```
 */
export interface WaitResult<T, F extends Future<unknown> = Future<T>> {
  /** The futures that finished or were cancelled, in the order they became done (those done already first). */
  done: Set<F>;
  /** The futures still pending or running when `wait` returned. */
  notDone: Set<F>;
}

/**
 * The value type of a future type, distributed over a union: `FutureValue<Future<string> | Future<number>>` is
 * `string | number`.
 *
 * @example
 * ```ts
 * const futures = [executor.submit(() => 'a'), executor.submit(() => 1)];
 * const first: FutureValue<(typeof futures)[number]> = await futures[0]; // string | number
 * ```
 */
export type FutureValue<F> = F extends Future<infer T> ? T : never;

/**
 * Waits for futures, as Python's `concurrent.futures.wait`, and partitions them into done and not done.
 *
 * Returns when the `returnWhen` condition holds or when `timeout` passes, whichever comes first; a timeout is not an
 * error. Duplicated futures count once. Cost is O(n): one listener per future, removed on return. The futures may differ in
 * type (`wait([futureOfString, futureOfNumber])`); each keeps its type in the result's sets.
 *
 * @example
 * ```ts
 * const { done, notDone } = await wait(futures, { timeout: 500, returnWhen: FIRST_COMPLETED });
 * for (const future of done) console.log(await future);
 * ```
 *
 * @throws TypeError if `futures` is not an iterable of futures; RangeError/TypeError for a bad `timeout` or `returnWhen`.
 */
export function wait<F extends Future<unknown>>(futures: Iterable<F>, options?: WaitOptions): Promise<WaitResult<FutureValue<F>, F>> {
  const { timeout, returnWhen = ALL_COMPLETED } = checkOptions<WaitOptions>('wait()', options, WAIT_KEYS);
  const limit = checkTimeout('timeout', timeout);
  if (returnWhen !== ALL_COMPLETED && returnWhen !== FIRST_COMPLETED && returnWhen !== FIRST_EXCEPTION) {
    throw new TypeError(
      `returnWhen must be FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED; received ${describe(returnWhen)}`,
    );
  }
  const done = new Set<F>();
  const notDone = new Set<F>();
  let failed = false;
  // One pass sorts and deduplicates (the sets do), without building a set of all the futures first.
  forEachFuture('wait', futures, (future) => (future.done() ? done : notDone).add(future));
  // A future that completed while the iterable was still being read is done now, wherever it was sorted.
  for (const future of notDone) {
    if (future.done()) {
      notDone.delete(future);
      done.add(future);
    }
  }
  if (returnWhen === FIRST_EXCEPTION) for (const future of done) failed ||= future._hasFailed();
  const satisfied = (): boolean =>
    notDone.size === 0 ||
    (returnWhen === FIRST_COMPLETED && done.size > 0) ||
    (returnWhen === FIRST_EXCEPTION && failed);
  if (satisfied() || limit === 0) return Promise.resolve({ done, notDone });

  return new Promise((resolve) => {
    const listeners: Array<[F, () => void]> = [];
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      if (timer !== undefined) clearTimeout(timer);
      for (const [future, listener] of listeners) future._unlisten(listener);
      resolve({ done, notDone });
    };
    for (const future of notDone) {
      const listener = () => {
        notDone.delete(future);
        done.add(future);
        failed ||= future._hasFailed();
        if (satisfied()) finish();
      };
      future._listen(listener);
      listeners.push([future, listener]);
    }
    if (limit !== undefined) timer = setTimeout(finish, limit);
  });
}
