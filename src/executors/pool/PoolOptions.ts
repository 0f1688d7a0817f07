import { checkInteger, checkOptions, checkTimeout, describe, keysOf } from '../../internal/validate';
import type { ExecutorOptions } from '../Executor';

/**
 * Options every worker pool takes, beyond {@link ExecutorOptions}. Times are in milliseconds.
 *
 * @example
 * ```ts
 * const pool = new ThreadPoolExecutor({ maxWorkers: 2, onWorkerExit: 'respawn', idleTimeout: 30_000, abortGraceMs: 200 });
 * ```
 */
export interface PoolOptions extends ExecutorOptions {
  /** Replace a worker after it has taken this many tasks (Python 3.11's `max_tasks_per_child`). @default no limit */
  maxTasksPerChild?: number;
  /** Milliseconds an idle worker waits for work before it exits (a new one starts when work comes). @default never */
  idleTimeout?: number;
  /**
   * What a worker dying unasked, busy or idle, does: `'break'` breaks the pool as Python does (every pending and
   * running future fails with the pool's Broken* error, later submissions throw); `'respawn'` fails only that worker's
   * tasks with a WorkerExitError and starts a fresh worker (an idle worker's death, which fails no future, is
   * reported as a process warning of type `RxFuturesWorkerWarning`). Either way `events` emits `workerError`.
   * @default 'break'
   */
  onWorkerExit?: 'break' | 'respawn';
  /**
   * Milliseconds an aborted or timed-out running task has to finish after its `taskSignal()` fires; then its worker is
   * killed and replaced (only that task fails). `Infinity` waits as long as the task takes. @default 1000
   */
  abortGraceMs?: number;
}

/** The names of the options {@link PoolOptions} adds to {@link ExecutorOptions}. */
export const POOL_OPTION_KEYS = keysOf<Omit<PoolOptions, keyof ExecutorOptions>>({
  maxTasksPerChild: true,
  idleTimeout: true,
  onWorkerExit: true,
  abortGraceMs: true,
});

/** Validated pool settings. */
export interface PoolSettings {
  readonly maxTasksPerChild: number | undefined;
  readonly idleTimeout: number | undefined;
  readonly respawn: boolean;
  /** `undefined`: no limit (`Infinity`). */
  readonly abortGraceMs: number | undefined;
}

/**
 * Validates the options every pool takes (the base Executor validates its own).
 *
 * @example
 * ```ts
 * const settings = readPoolOptions('ThreadPoolExecutor', { idleTimeout: 5000 });
 * ```
 * @throws TypeError/RangeError naming the option and the value received.
 */
export function readPoolOptions(kind: string, options: PoolOptions | undefined): PoolSettings {
  const opts = checkOptions<PoolOptions>(kind, options);
  if (opts.onWorkerExit !== undefined && opts.onWorkerExit !== 'break' && opts.onWorkerExit !== 'respawn') {
    throw new TypeError(`onWorkerExit must be 'break' or 'respawn'; received ${describe(opts.onWorkerExit)}`);
  }
  return {
    maxTasksPerChild: checkInteger('maxTasksPerChild', opts.maxTasksPerChild, 1),
    idleTimeout: checkTimeout('idleTimeout', opts.idleTimeout),
    abortGraceMs: checkTimeout('abortGraceMs', opts.abortGraceMs, 1000),
    respawn: opts.onWorkerExit === 'respawn',
  };
}
