import { SerializationError } from '../errors/SerializationError';
import { errorMessage } from '../internal/errorMessage';

/** The least time between two progress messages of a worker, in milliseconds. */
export const PROGRESS_INTERVAL_MS = 20;

/**
 * The progress values of a worker's running task, on their way to the pool: the first goes at once, then at most
 * one message every {@link PROGRESS_INTERVAL_MS} carries the latest value (the values between are dropped, whatever
 * their type). A busy synchronous task still reports: a value reported after the interval goes at once, from inside
 * the task. The value pending when the task ends is sent before its result.
 *
 * @example
 * ```ts
 * const progress = new ProgressThrottle((task, value) => channel.send([PROGRESS, task, value]));
 * progress.report(current, 0.5); // from reportProgress() in the task
 * progress.taskEnded(current); // before the task's result is queued
 * ```
 */
export class ProgressThrottle {
  private task = -1;
  private value: unknown = undefined;
  private pending = false;
  private lastSent = -Infinity;
  private timer: NodeJS.Timeout | undefined = undefined;
  /** A value sent later (by the timer) that could not be sent: thrown at the task's next report. */
  private failure: SerializationError | undefined = undefined;

  constructor(private readonly send: (task: number, value: unknown) => void) {}

  /** The running task `task` reported `value`. */
  report(task: number, value: unknown): void {
    const failure = this.failure;
    if (failure !== undefined) {
      this.failure = undefined;
      throw failure;
    }
    this.task = task;
    this.value = value;
    this.pending = true;
    const wait = this.lastSent + PROGRESS_INTERVAL_MS - performance.now();
    if (wait <= 0) this.flush(true);
    else this.timer ??= setTimeout(() => this.flush(false), wait).unref();
  }

  /** The task `task` ended: its pending value goes now, ahead of its result. */
  taskEnded(task: number): void {
    if (this.pending && this.task === task) this.flush(false);
    this.failure = undefined;
  }

  private flush(throwing: boolean): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending) return;
    const value = this.value;
    this.pending = false;
    this.value = undefined;
    this.lastSent = performance.now();
    try {
      this.send(this.task, value);
    } catch (error) {
      const failure = new SerializationError(`the progress value cannot be sent from the worker: ${errorMessage(error)}`, { cause: error });
      if (throwing) throw failure;
      this.failure = failure;
    }
  }
}
