import { CreditSink } from './CreditSink';

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

/**
 * The parent side of one stream: delivers values to the subscriber and keeps the producer at most `highWaterMark`
 * values ahead of it (values written and not yet delivered). Credit comes back in batches of half the window, so a
 * worker pool sends one credit message per `highWaterMark / 2` values rather than one per value.
 *
 * A worker pool drives it from messages: `write(value)` for each value message, and it forwards `onCredit(n)` to the
 * worker (closing it is the task's abort, which reaches the worker as for any task).
 */
export class StreamChannel<T> extends CreditSink<T> {
  /** Set by a worker pool: called with `n` when the consumer has taken `n` more values (send the worker credit). */
  onCredit: ((n: number) => void) | undefined = undefined;
  private taken = 0;
  private readonly batch: number;

  /**
   * @param highWaterMark - how many values the producer may run ahead of the consumer.
   * @param deliver - hands one value to the consumer (the subscriber's `next`).
   */
  constructor(
    highWaterMark: number,
    private readonly deliver: (value: T) => void,
  ) {
    super(highWaterMark);
    this.batch = Math.max(1, Math.floor(highWaterMark / 2));
  }

  write(value: T): void {
    if (!this.take()) return;
    this.deliver(value);
    if (++this.taken >= this.batch) this.grant();
  }

  private grant(): void {
    const n = this.taken;
    this.taken = 0;
    this.onCredit?.(n);
    this.addCredit(n);
  }
}
