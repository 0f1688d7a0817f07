import { Future } from '../Future';
import { describe } from './validate';

/** Collects the futures to watch, once each, checking that each really is a Future. */
export function toFutureSet<F extends Future<unknown>>(caller: string, futures: Iterable<F>): Set<F> {
  const set = new Set<F>();
  forEachFuture(caller, futures, (future) => set.add(future));
  return set;
}

/**
 * Calls `visit` with each item of `futures` (duplicates included), checking that each really is a Future: for
 * callers that sort futures into their own sets as they go, without building one more set first.
 */
export function forEachFuture<F extends Future<unknown>>(caller: string, futures: Iterable<F>, visit: (future: F) => void): void {
  if (futures === null || futures === undefined || typeof (futures as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new TypeError(`${caller}() expects an iterable of futures; received ${describe(futures)}`);
  }
  for (const future of futures) {
    if (!(future instanceof Future)) {
      throw new TypeError(`${caller}() expects an iterable of futures; one item was ${describe(future)}`);
    }
    visit(future);
  }
}
