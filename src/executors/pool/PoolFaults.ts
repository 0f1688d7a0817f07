import type { BrokenExecutor } from '../../errors/BrokenExecutor';
import type { WorkerExit } from '../../errors/WorkerExit';
import { describeExit } from './describeExit';

export type { WorkerExit } from '../../errors/WorkerExit';

/**
 * The error classes and wording a pool kind breaks with: what a {@link PoolExecutor} subclass supplies as `faults`.
 *
 * @example
 * ```ts
 * protected readonly faults: PoolFaults = { noun: 'thread', Broken: BrokenThreadPool, ExitError: ThreadWorkerExitError };
 * ```
 */
export interface PoolFaults {
  /** What a worker is called in messages: `'thread'` or `'process'`, as in Python's. */
  readonly noun: string;
  /** The pool's broken error (a {@link BrokenExecutor}): a worker died, or an initializer failed. */
  readonly Broken: {
    /** Makes the error, with Python's wording and the worker's last error as `cause`. */
    new (message: string, options?: ErrorOptions): BrokenExecutor;
  };
  /** The error of each task a dying worker held, with `onWorkerExit: 'respawn'`. */
  readonly ExitError: {
    /** Makes the error from the facts of the worker's exit. */
    new (message: string, exit: WorkerExit): BrokenExecutor;
  };
}

/**
 * The error that breaks a pool when a worker dies or fails to start, in Python's words.
 *
 * @example
 * ```ts
 * crashError(faults, exit, false).message; // 'A process in the process pool was terminated abruptly ...'
 * ```
 */
export function crashError(faults: PoolFaults, exit: WorkerExit, initializerFailed: boolean): BrokenExecutor {
  const { Broken, noun } = faults;
  if (initializerFailed) {
    return new Broken(`A ${noun} initializer failed, the ${noun} pool is not usable anymore`, { cause: exit.cause });
  }
  return new Broken(
    `A ${noun} in the ${noun} pool was terminated abruptly while the future was running or pending (${describeExit(exit)}).`,
    { cause: exit.cause },
  );
}

/** The error of each task a dying worker held, in `'respawn'` mode: the pool's exit error class, with the facts. */
export function exitError(faults: PoolFaults, exit: WorkerExit): BrokenExecutor {
  const { ExitError, noun } = faults;
  const message = `the ${noun} running this task died (${describeExit(exit)}); a fresh one replaces it`;
  return new ExitError(message, exit);
}
