import { BrokenExecutor } from './BrokenExecutor';

/**
 * A process pool that can run nothing more: an initializer failed, or a child process was terminated abruptly while it held tasks.
 *
 * @example
 * ```ts
 * await pool.submit(() => process.exit(1)).result().catch((e) => e instanceof BrokenProcessPool); // true
 * ```
 */
export class BrokenProcessPool extends BrokenExecutor {}
