import { Future } from '../Future';
import { describe } from './validate';

/** Collects the futures to watch, once each, checking that each really is a Future. */
export function toFutureSet<T>(caller: string, futures: Iterable<Future<T>>): Set<Future<T>> {
  if (futures === null || futures === undefined || typeof (futures as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new TypeError(`${caller}() expects an iterable of futures; received ${describe(futures)}`);
  }
  const set = new Set<Future<T>>();
  for (const future of futures) {
    if (!(future instanceof Future)) {
      throw new TypeError(`${caller}() expects an iterable of futures; one item was ${describe(future)}`);
    }
    set.add(future);
  }
  return set;
}
