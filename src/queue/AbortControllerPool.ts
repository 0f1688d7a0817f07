/**
 * Abort controllers for a worker's jobs, each used again by a later job while it was never aborted. A job's
 * controller is only watched by the worker's local pool (the task gets a signal of its own from its pool), and the
 * pool stops watching it once the job's local future settles, so a controller handed back after that carries
 * nothing of its job: the next job saves making a controller and its signal (in Node 20 the signal is made on first
 * use, about as dear as the controller).
 *
 * @example
 * ```ts
 * const controller = controllers.take();
 * try {
 *   await pool.submitWith({ signal: controller.signal }, task).result();
 * } finally {
 *   controllers.give(controller); // once the future has settled
 * }
 * ```
 */
export class AbortControllerPool {
  private readonly free: AbortController[] = [];

  /** @param capacity - the most controllers kept for later (a worker runs at most this many jobs at once). */
  constructor(private readonly capacity: number) {}

  /** A controller whose signal has not fired and that nothing watches. */
  take(): AbortController {
    return this.free.pop() ?? new AbortController();
  }

  /** Takes `controller` back once nothing watches it any more; an aborted one is dropped (its signal stays fired). */
  give(controller: AbortController): void {
    if (!controller.signal.aborted && this.free.length < this.capacity) this.free.push(controller);
  }
}
