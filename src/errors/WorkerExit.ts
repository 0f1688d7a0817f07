/**
 * What is known about a pool worker's end: its name, how it ended, and the error it reported last. A worker exit
 * error ({@link ThreadWorkerExitError}, {@link ProcessWorkerExitError}) is made from one and carries its fields.
 *
 * @example
 * ```ts
 * const exit: WorkerExit = { workerName: 'ProcessPoolExecutor-0_1', exitCode: null, signal: 'SIGKILL', cause: undefined };
 * const error = new ProcessWorkerExitError('the process running this task died', exit);
 * error.signal; // 'SIGKILL'
 * ```
 */
export interface WorkerExit {
  /** The worker's name, e.g. `ThreadPoolExecutor-0_1`. */
  readonly workerName: string;
  /** Its exit code, or `null` if a signal ended it (or it never started). */
  readonly exitCode: number | null;
  /** The signal that ended it, e.g. `'SIGKILL'`, or `null` (always `null` for threads). */
  readonly signal: string | null;
  /** The last error the worker reported (an uncaught exception, out of memory), if any: the exit error's `cause`. */
  readonly cause: unknown;
}
