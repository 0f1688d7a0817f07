import { Executor } from '../../src/executors/Executor';
import type { TimeoutError } from '../../src/errors/TimeoutError'; // for {@link} in the doc comment
import { checkInteger, checkOptions, checkTimeout, describe, keysOf } from '../../src/internal/validate';
import { isModuleTask } from '../../src/tasks/moduleTask';
import { checkPriority } from '../../src/executors/taskArguments';

/**
 * Options of {@link mapOrdered} and {@link mapUnordered}. Times are in milliseconds.
 *
 * @example
 * ```ts
 * lines$.pipe(mapOrdered(pool, parseLine, { maxInFlight: 64, chunksize: 16, timeout: 5000, priority: 10 }));
 * ```
 */
export interface MapOnExecutorOptions {
  /**
   * How many tasks of this operator may be outstanding at once; further source values wait in the operator.
   * For `mapOrdered` a task counts until its results are emitted, so at most this many results are ever held back
   * behind a slower predecessor. Must be a whole number >= 1. @default `2 * executor.maxWorkers`
   */
  maxInFlight?: number;
  /**
   * How many source values one task carries (one worker message on the thread and process pools). A free place
   * takes up to this many waiting values at once: a fast source fills chunks, a slow one is never held back to fill
   * one. Order is kept. If one value of a chunk fails, the whole chunk fails. Must be a whole number >= 1. @default 1
   */
  chunksize?: number;
  /**
   * Milliseconds each task may run, counted from the moment it starts (a chunk is one task); a task past its limit
   * fails with {@link TimeoutError}, which errors the stream. @default no limit
   */
  timeout?: number;
  /**
   * The priority of this operator's tasks among the tasks waiting for the executor's workers: a whole number from 0
   * (first) to 2,097,152; a lower number runs first, equal ones in submission order (see `SubmitOptions.priority`).
   * @default 0
   */
  priority?: number;
}

const MAP_OPERATOR_KEYS = keysOf<MapOnExecutorOptions>({ maxInFlight: true, chunksize: true, timeout: true, priority: true });

/** The checked settings of one map operator. */
export interface MapSettings {
  readonly maxInFlight: number;
  readonly chunksize: number;
  readonly timeout: number | undefined;
  readonly priority: number | undefined;
}

/**
 * Checks the arguments of `mapOrdered`/`mapUnordered` when the operator is created (not when it is subscribed), so a
 * mistake throws where it was written.
 */
export function checkMapArguments(name: string, executor: unknown, fn: unknown, options: unknown): MapSettings {
  if (!(executor instanceof Executor)) {
    throw new TypeError(`${name}() expects an Executor as its first argument; received ${describe(executor)}`);
  }
  if (typeof fn !== 'function' && !isModuleTask(fn)) {
    throw new TypeError(`${name}() expects the task to be a function or a moduleTask(); received ${describe(fn)}`);
  }
  const opts = checkOptions<MapOnExecutorOptions>(`${name}()`, options, MAP_OPERATOR_KEYS);
  executor.noteTask(fn as never);
  return {
    maxInFlight: checkInteger('maxInFlight', opts.maxInFlight, 1, 2 * executor.maxWorkers),
    chunksize: checkInteger('chunksize', opts.chunksize, 1, 1),
    timeout: checkTimeout('timeout', opts.timeout),
    priority: checkPriority('priority', opts.priority),
  };
}
