import { SerializationError } from '../errors/SerializationError';
import { CreditSink } from './CreditSink';
import { errorMessage } from '../internal/errorMessage';

/**
 * The worker side of one stream task: {@link pumpStream} writes the task's values here, and each is posted to the
 * pool at once. It starts with `highWaterMark` credit, uses one per value, and gets more when the pool's
 * `STREAM_CREDIT` message arrives (`grant`); the pool's abort (the subscriber left) closes it.
 *
 * @example
 * ```ts
 * const sink = new WorkerStreamSink(16, (value) => port.postMessage([STREAM_VALUE, value]));
 * await pumpStream(fn, args, sink);
 * ```
 */
export class WorkerStreamSink<T> extends CreditSink<T> {
  /**
   * @param highWaterMark - the credit the task starts with.
   * @param post - sends one value to the pool; throws if it cannot be cloned.
   */
  constructor(
    highWaterMark: number,
    private readonly post: (value: T) => void,
  ) {
    super(highWaterMark);
  }

  /** @throws SerializationError if the value cannot be sent to the pool (the task then fails with it). */
  write(value: T): void {
    if (!this.take()) return;
    try {
      this.post(value);
    } catch (error) {
      const message = `a value of the stream task cannot be sent back from the worker: ${errorMessage(error)}`;
      throw new SerializationError(message, { cause: error });
    }
  }

  /** The pool's subscriber took `n` more values: the task may send `n` more. */
  grant(n: number): void {
    this.addCredit(n);
  }
}
