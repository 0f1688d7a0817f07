import { BrokenExecutor } from './BrokenExecutor';

/**
 * A thread pool (or an AsyncExecutor) that can run nothing more: an initializer failed, or a worker thread died while it held tasks.
 *
 * @example
 * ```ts
 * const pool = new AsyncExecutor({ initializer: () => { throw new Error('no db'); } });
 * await pool.submit(() => 1).result().catch((e) => e instanceof BrokenThreadPool); // true
 * ```
 */
export class BrokenThreadPool extends BrokenExecutor {}
