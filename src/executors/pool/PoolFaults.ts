import type { BrokenExecutor } from '../../errors/BrokenExecutor';
import { describeExit } from './describeExit';

/** The error classes and wording a pool kind breaks with. */
export interface PoolFaults {
  /** `'thread'` or `'process'`, as in Python's messages. */
  readonly noun: string;
  readonly Broken: new (message: string, options?: ErrorOptions) => BrokenExecutor;
  readonly ExitError: new (message: string, options?: ErrorOptions) => BrokenExecutor & WorkerExitFields;
}

/** The fields both worker exit errors carry. */
export interface WorkerExitFields {
  exitCode: number | null;
  signal: string | null;
  workerName: string;
}

/** Facts about a worker's end, for error messages. */
export interface WorkerExit {
  readonly workerName: string;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly cause: unknown;
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
  return withExit(new ExitError(message, { cause: exit.cause }), exit);
}

/**
 * The error of a task whose worker was stopped before it ran the task (after another task's abort) when the task's
 * buffers had been moved to that worker: they went with it, so the task cannot be sent to another worker, as tasks
 * without moved buffers are. The pool's exit error class, with the facts.
 *
 * @example
 * ```ts
 * failItem(item, movedAwayError(faults, exit));
 * ```
 */
export function movedAwayError(faults: PoolFaults, exit: WorkerExit): BrokenExecutor {
  const { ExitError, noun } = faults;
  const message =
    `the ${noun} holding this task was stopped before it ran it (after another task's abort), and the buffers moved ` +
    `to it with the task (its transfer list, or large buffers the pool copied at submit) went with it: submit it again`;
  return withExit(new ExitError(message, { cause: exit.cause }), exit);
}

function withExit(error: BrokenExecutor & WorkerExitFields, exit: WorkerExit): BrokenExecutor {
  error.exitCode = exit.exitCode;
  error.signal = exit.signal;
  error.workerName = exit.workerName;
  return error;
}
