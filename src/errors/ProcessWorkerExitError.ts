import { BrokenProcessPool } from './BrokenProcessPool';
import type { WorkerExit } from './WorkerExit';

/**
 * A child process of a `ProcessPoolExecutor` with `onWorkerExit: 'respawn'` died while it held this task (it called
 * `process.exit()`, was killed by a signal, ran out of memory, or threw outside any task). Only the tasks that process
 * held fail; a fresh process takes over. It extends {@link BrokenProcessPool}, so code written for Python's behaviour
 * (catch the broken-pool error) handles it too.
 *
 * @example
 * ```ts
 * const pool = new ProcessPoolExecutor({ onWorkerExit: 'respawn' });
 * await pool.submit(() => process.kill(process.pid, 'SIGKILL')).result().catch((e) => e.signal); // 'SIGKILL'
 * ```
 */
export class ProcessWorkerExitError extends BrokenProcessPool {
  /** The process's exit code, or `null` if a signal ended it. */
  readonly exitCode: number | null;
  /** The signal that ended the process, e.g. `'SIGKILL'`, or `null`. */
  readonly signal: string | null;
  /** The worker's name, e.g. `ProcessPoolExecutor-0_1`. */
  readonly workerName: string;

  /**
   * Makes the error from the facts of the process's exit.
   *
   * @param message - what happened, for the task's owner.
   * @param exit - how the process ended; its `cause` becomes the error's `cause`.
   */
  constructor(message: string, exit: WorkerExit) {
    super(message, { cause: exit.cause });
    this.exitCode = exit.exitCode;
    this.signal = exit.signal;
    this.workerName = exit.workerName;
  }
}
