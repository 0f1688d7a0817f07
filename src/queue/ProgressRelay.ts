import type { Observable, Subscription } from 'rxjs';

/** The least time between two progress writes of one job, in milliseconds. */
export const PROGRESS_INTERVAL_MS = 50;

/**
 * Carries the progress a queue worker's local future reports on to its job in Redis (BullMQ's job progress), without
 * flooding Redis: one write at a time, at most one every `intervalMs`, and each write carries only the latest value
 * reported (the ones in between are skipped). {@link ProgressRelay.close} sends the last value not written yet, so
 * that it reaches the events stream before the job's outcome does.
 *
 * A write that fails (the value cannot be encoded, the job is gone, the connection dropped) is dropped: progress is
 * advisory, and the task's outcome never depends on it.
 *
 * @example
 * ```ts
 * const relay = new ProgressRelay(local.progress, (value) => job.updateProgress(encodeValue(value)));
 * const result = await local.result();
 * await relay.close(); // the last value is written before the result
 * ```
 */
export class ProgressRelay {
  private latest: { value: unknown } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sending: Promise<void> | undefined;
  private lastWrite = -Infinity;
  private closed = false;
  private readonly subscription: Subscription;

  constructor(
    progress: Observable<unknown>,
    private readonly write: (value: unknown) => Promise<unknown> | void,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
  ) {
    this.subscription = progress.subscribe((value) => {
      this.latest = { value };
      this.schedule();
    });
  }

  /**
   * Stops listening; resolves once the write under way and the last value not written yet are in Redis (or failed).
   * Returns `undefined` when there is nothing to wait for (no progress reported, or all of it written): most tasks
   * report none, and a worker then goes on without a turn of the microtask queue.
   */
  close(): Promise<void> | undefined {
    if (this.closed) return undefined;
    this.closed = true;
    this.subscription.unsubscribe();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.sending === undefined && this.latest === undefined) return undefined;
    return this.finish();
  }

  private async finish(): Promise<void> {
    await this.sending;
    if (this.latest !== undefined) await this.flush();
  }

  private schedule(): void {
    if (this.closed || this.timer !== undefined || this.sending !== undefined) return;
    const wait = Math.max(0, this.lastWrite + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, wait);
  }

  private flush(): Promise<void> {
    const pending = this.latest;
    if (pending === undefined) return Promise.resolve();
    this.latest = undefined;
    this.lastWrite = Date.now();
    const ignore = () => undefined;
    let written: Promise<unknown>;
    try {
      written = Promise.resolve(this.write(pending.value));
    } catch {
      written = Promise.resolve();
    }
    this.sending = written.then(ignore, ignore).then(() => {
      this.sending = undefined;
      if (this.latest !== undefined) this.schedule();
    });
    return this.sending;
  }
}
