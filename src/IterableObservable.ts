import { Observable, type Subscriber, type TeardownLogic } from 'rxjs';
import { subscribeAsIterator } from './internal/subscribeAsIterator';

/**
 * An RxJS `Observable` that can also be consumed with `for await`.
 *
 * `map()` and `asCompleted()` return one, so the same result reads naturally in reactive code and in plain async
 * code. Iterating subscribes; leaving the loop early (`break`, `return`, an exception) unsubscribes.
 *
 * @example
 * ```ts
 * const results = executor.map((x: number) => x * 2, [1, 2, 3]);
 * for await (const value of results) console.log(value); // 2, 4, 6
 * // or: results.subscribe(console.log)
 * ```
 */
export class IterableObservable<T> extends Observable<T> implements AsyncIterable<T> {
  /**
   * Makes an Observable from a subscribe function, as `new Observable(subscribe)` does.
   *
   * @param subscribe - the Observable's subscribe function.
   * @param iterate - a pull-based iterator to use for `for await` instead of subscribing (lets a producer such as
   * `map` with `buffersize` see the consumer's pace).
   */
  constructor(
    subscribe: (subscriber: Subscriber<T>) => TeardownLogic,
    private readonly iterate?: () => AsyncIterator<T>,
  ) {
    super(subscribe);
  }

  /**
   * `for await (const value of observable)`: subscribes when the loop starts, unsubscribes when it ends early.
   *
   * Beware with Observables of futures (such as `asCompleted`'s): TypeScript types a `for await` variable as the
   * awaited element, so it may see a `Future<T>` as `T`. `await future` (which is `future.result()`) is right either
   * way; for the Future's own methods, subscribe instead.
   */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.iterate ? this.iterate() : subscribeAsIterator(this);
  }
}
