import type { BrokenExecutor } from '../../errors/BrokenExecutor';
import type { WorkerExit } from '../../errors/WorkerExit';
import type { RxFuturesErrorOptions } from '../../errors/RxFuturesError';
import { describeExit } from './describeExit';
import type { PoolStats } from './PoolStats';

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
    new (message: string, options?: RxFuturesErrorOptions): BrokenExecutor;
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
  return withFacts(faults, exit, `the ${faults.noun} running this task died (${describeExit(exit)}); a fresh one replaces it`);
}

/**
 * What a worker that died unasked died of, for the pool's `workerError` event (and, for an idle worker in `'respawn'`
 * mode, whose death no future reports, a process warning): the pool's exit error class, with the facts, naming the
 * error the worker reported (a thread reports its uncaught error).
 *
 * @example
 * ```ts
 * deathError(faults, exit, 0).message; // 'thread ThreadPoolExecutor-0_0 exited with code 1 while idle: Error: late'
 * ```
 */
export function deathError(faults: PoolFaults, exit: WorkerExit, held: number): BrokenExecutor {
  const { cause } = exit;
  // Out of memory is said by describeExit already.
  const reported = isError(cause) && (cause as NodeJS.ErrnoException).code !== 'ERR_WORKER_OUT_OF_MEMORY';
  const when = held === 0 ? 'while idle' : `holding ${held} task${held === 1 ? '' : 's'}`;
  return withFacts(faults, exit, `${faults.noun} ${describeExit(exit)} ${when}${reported ? `: ${cause.name}: ${cause.message}` : ''}`);
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
  const message =
    `the ${faults.noun} holding this task was stopped before it ran it (after another task's abort), and the buffers moved ` +
    `to it with the task (its transfer list, or large buffers the pool copied at submit) went with it: submit it again`;
  return withFacts(faults, exit, message);
}

/** The pool's exit error class, made from the facts of the worker's exit (its `cause` becomes the error's). */
function withFacts(faults: PoolFaults, exit: WorkerExit, message: string): BrokenExecutor {
  return new faults.ExitError(message, exit);
}

/**
 * Makes a worker's unasked death observable: a `workerError` event, and when the death is `silent` (no future fails
 * with it and the pool does not break: an idle worker in `'respawn'` mode, say after a timer threw once its task had
 * returned), a process warning, once per death.
 *
 * @example
 * ```ts
 * reportDeath(stats, faults, exit, 0, true); // (node:…) [RXFUTURES_IDLE_WORKER_DIED] RxFuturesWorkerWarning: thread …
 * ```
 */
export function reportDeath(stats: PoolStats, faults: PoolFaults, exit: WorkerExit, held: number, silent: boolean): void {
  if (!silent && !stats.observed) return;
  const error = deathError(faults, exit, held);
  stats.emit('workerError', exit.workerName, error);
  if (!silent) return;
  const { stack } = isError(exit.cause) ? exit.cause : error;
  process.emitWarning(`${error.message}; a fresh ${faults.noun} replaces it when work comes`, {
    type: 'RxFuturesWorkerWarning',
    code: 'RXFUTURES_IDLE_WORKER_DIED',
    detail: stack,
  });
}

/**
 * An Error, from this realm or another: told by its shape, as the error a worker's `'error'` event carries may be
 * rebuilt with another realm's `Error.prototype` (it is under Jest), so that `instanceof Error` is false.
 */
function isError(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && typeof (value as Error).message === 'string' && typeof (value as Error).name === 'string';
}
