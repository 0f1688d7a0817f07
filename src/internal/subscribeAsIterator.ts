import type { Observable, Subscription } from 'rxjs';

/**
 * Reads an Observable with `for await`: subscribes on the first `next()`, buffers values the consumer has not asked
 * for yet, and unsubscribes when the consumer stops early.
 */
export function subscribeAsIterator<T>(source: Observable<T>): AsyncIterator<T> {
  const buffer: T[] = [];
  let head = 0;
  let finished = false;
  let failure: { error: unknown } | undefined;
  let waiter: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  let subscription: Subscription | undefined;

  const wake = () => {
    if (waiter === undefined) return;
    const { resolve, reject } = waiter;
    if (head < buffer.length) {
      waiter = undefined;
      resolve({ value: take(), done: false });
    } else if (failure !== undefined) {
      waiter = undefined;
      reject(failure.error);
    } else if (finished) {
      waiter = undefined;
      resolve({ value: undefined, done: true });
    }
  };
  const take = (): T => {
    const value = buffer[head] as T;
    buffer[head++] = undefined as T;
    if (head === buffer.length) buffer.length = head = 0;
    return value;
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
        waiter = { resolve, reject };
        wake();
      });
    },
    return() {
      finished = true;
      subscription?.unsubscribe();
      buffer.length = head = 0;
      return Promise.resolve({ value: undefined, done: true });
    },
  };
}
