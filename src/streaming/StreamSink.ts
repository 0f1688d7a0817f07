/**
 * The producer side of a stream task: where a running task writes the values it yields. A stream task
 * ({@link Executor.stream}) writes through a `StreamSink` with credit-based flow control: it may write only while it
 * holds credit (it starts with `highWaterMark`; each value uses one; the consumer grants more as it takes values).
 *
 * In the event loop the sink is the {@link StreamChannel} itself; inside a worker thread or child process it is the
 * worker runtime's sink, which posts each value to the parent and receives credit back (see `Executor.submitStream`).
 */
export interface StreamSink<T> {
  /** `true` once the consumer has gone (unsubscribed): the producer should stop and clean up. */
  readonly closed: boolean;
  /** Sends one value; uses one credit. Call only when `ready()` says there is credit. */
  write(value: T): void;
  /** `undefined` if there is credit now; otherwise a promise that resolves when there is, or when the sink closes. */
  ready(): Promise<void> | undefined;
  /** Calls `listener` once when the sink closes (at once if it is closed already). */
  onClose(listener: () => void): void;
}
