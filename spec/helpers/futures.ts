import { Future } from '../../src';

/** A future that finishes with `value` after `ms` milliseconds (0: on the next macrotask). */
export function finishLater<T>(value: T, ms: number): Future<T> {
  const future = new Future<T>();
  setTimeout(() => future.setResult(value), ms);
  return future;
}

/** A future that fails with `error` after `ms` milliseconds. */
export function failLater<T = never>(error: unknown, ms: number): Future<T> {
  const future = new Future<T>();
  setTimeout(() => future.setException(error), ms);
  return future;
}

/** A future already finished with `value`. */
export function finished<T>(value: T): Future<T> {
  const future = new Future<T>();
  future.setResult(value);
  return future;
}

/** How many removable listeners (waiters, subscribers, callbacks) a future holds: 0 means nothing leaked. */
export function listenerCount(future: Future<unknown>): number {
  return future._listenerCount();
}
