import { BrokenThreadPool } from './BrokenThreadPool';

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
  exitCode: number | null = null;
  /** Always `null` for threads (kept so both exit errors read alike). */
  signal: string | null = null;
  /** The worker's name, e.g. `ThreadPoolExecutor-0_1`. */
  workerName = '';
}
