import { BrokenThreadPool } from './BrokenThreadPool';
import type { WorkerExit } from './WorkerExit';

/**
 * A worker thread of a `ThreadPoolExecutor` with `onWorkerExit: 'respawn'` died while it held this task (it called
 * `process.exit()`, ran out of memory, was terminated, or threw outside any task). Only the tasks that worker held
 * fail; a fresh worker takes over. It extends {@link BrokenThreadPool}, so code written for Python's behaviour (catch
 * the broken-pool error) handles it too.
 *
 * @example
 * ```ts
 * const pool = new ThreadPoolExecutor({ onWorkerExit: 'respawn' });
 * await pool.submit(() => process.exit(3)).result().catch((e) => e instanceof ThreadWorkerExitError && e.exitCode); // 3
 * ```
 */
export class ThreadWorkerExitError extends BrokenThreadPool {
  /** The worker's exit code. */
  readonly exitCode: number | null;
  /** Always `null` for threads (kept so both exit errors read alike). */
  readonly signal: string | null;
  /** The worker's name, e.g. `ThreadPoolExecutor-0_1`. */
  readonly workerName: string;

  /**
   * Makes the error from the facts of the worker's exit.
   *
   * @param message - what happened, for the task's owner.
   * @param exit - how the worker ended; its `cause` becomes the error's `cause`.
   */
  constructor(message: string, exit: WorkerExit) {
    super(message, { cause: exit.cause });
    this.exitCode = exit.exitCode;
    this.signal = exit.signal;
    this.workerName = exit.workerName;
  }
}
