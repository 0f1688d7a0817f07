import type { Observable, Subscriber, Subscription } from 'rxjs';
import { Future } from '../../src/Future';
import { describe } from '../../src/internal/validate';

/** What a futures operator does with its source. */
export interface FutureHandlers<F extends Future<unknown>> {
  /** Called for each source value, once it is known to be a Future. */
  next(future: F): void;
  /** Called when the source completes. */
  complete(): void;
}

/**
 * Subscribes a futures operator (`asCompleted`, `waitFirst`) to its source: each value must be a Future (otherwise
 * the stream errors with a TypeError naming the operator), source errors pass straight through.
 */
export function subscribeToFutures<F extends Future<unknown>>(
  name: string,
  source: Observable<F>,
  subscriber: Subscriber<unknown>,
  handlers: FutureHandlers<F>,
): Subscription {
  return source.subscribe({
    next: (future) => {
      if (future instanceof Future) handlers.next(future);
      else subscriber.error(new TypeError(`${name}() expects a stream of futures; received ${describe(future)}`));
    },
    error: (error: unknown) => subscriber.error(error),
    complete: () => handlers.complete(),
  });
}
