import type { BrokenExecutor } from '../../errors/BrokenExecutor';
import type { WorkerExit } from '../../errors/WorkerExit';
import { describeExit } from './describeExit';

export type { WorkerExit } from '../../errors/WorkerExit';

/** The error classes and wording a pool kind breaks with. */
export interface PoolFaults {
  /** `'thread'` or `'process'`, as in Python's messages. */
  readonly noun: string;
  readonly Broken: new (message: string, options?: ErrorOptions) => BrokenExecutor;
  readonly ExitError: new (message: string, exit: WorkerExit) => BrokenExecutor;
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
