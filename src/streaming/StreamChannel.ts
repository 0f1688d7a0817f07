import { CreditSink } from './CreditSink';

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
