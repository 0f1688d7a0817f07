import type { StreamSink } from './StreamSink';

/**
 * The credit bookkeeping every {@link StreamSink} shares: how many values the producer may still write, a producer
 * waiting for more, and the close listeners. A subclass supplies `write` (using one credit per value, through
 * `take()`) and calls `addCredit(n)` when the consumer hands credit back.
 *
 * @example
 * ```ts
 * class ArraySink<T> extends CreditSink<T> {
 *   readonly values: T[] = [];
 *   write(value: T): void { if (this.take()) this.values.push(value); }
 * }
 * ```
 */
export abstract class CreditSink<T> implements StreamSink<T> {
  private credit: number;
  private waiter: (() => void) | undefined = undefined;
  private closeListeners: Array<() => void> | undefined = [];

  /** @param highWaterMark - the credit the producer starts with. */
  constructor(readonly highWaterMark: number) {
    this.credit = highWaterMark;
  }

  abstract write(value: T): void;

  get closed(): boolean {
    return this.closeListeners === undefined;
  }

  ready(): Promise<void> | undefined {
    if (this.credit > 0 || this.closed) return undefined;
    return new Promise((resolve) => (this.waiter = resolve));
  }

  onClose(listener: () => void): void {
    if (this.closeListeners === undefined) listener();
    else this.closeListeners.push(listener);
  }

  /** The consumer has gone, or the task ended: wakes a waiting producer and tells the close listeners. */
  close(): void {
    const listeners = this.closeListeners;
    if (listeners === undefined) return;
    this.closeListeners = undefined;
    this.wake();
    for (const listener of listeners) listener();
  }

  /** Uses one credit for a value about to be written; `false` if the sink is closed (drop the value). */
  protected take(): boolean {
    if (this.closed) return false;
    this.credit--;
    return true;
  }

  /** The consumer took `n` more values: the producer may write `n` more (a waiting producer wakes). */
  protected addCredit(n: number): void {
    this.credit += n;
    this.wake();
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}
