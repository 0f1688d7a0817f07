import type { Observable, Subscription } from 'rxjs';
import { Deque } from './Deque';

type Waiter<T> = { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void };

/**
 * Reads an Observable with `for await`: subscribes on the first `next()`, buffers values the consumer has not asked
 * for yet, and unsubscribes when the consumer stops early. Several `next()` calls may wait at once (the protocol
 * allows it); they are answered in the order they were made.
 */
export function subscribeAsIterator<T>(source: Observable<T>): AsyncIterator<T> {
  const buffer = new Deque<T>();
  const waiters = new Deque<Waiter<T>>();
  let finished = false;
  let failure: { error: unknown } | undefined;
  let subscription: Subscription | undefined;

  const wake = () => {
    while (waiters.length > 0 && (buffer.length > 0 || failure !== undefined || finished)) {
      const waiter = waiters.shift() as Waiter<T>;
      if (buffer.length > 0) waiter.resolve({ value: buffer.shift() as T, done: false });
      else if (failure !== undefined) waiter.reject(failure.error);
      else waiter.resolve({ value: undefined, done: true });
    }
  };

  return {
    next() {
      subscription ??= source.subscribe({
        next: (value) => {
          buffer.push(value);
          wake();
        },
        error: (error: unknown) => {
          failure = { error };
          wake();
        },
        complete: () => {
          finished = true;
          wake();
        },
      });
      return new Promise((resolve, reject) => {
        waiters.push({ resolve, reject });
        wake();
      });
    },
    return() {
      finished = true;
      subscription?.unsubscribe();
      buffer.drain();
      wake();
      return Promise.resolve({ value: undefined, done: true });
    },
  };
}
