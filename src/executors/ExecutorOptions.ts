import { checkInteger, checkOptions, describe, keysOf } from '../internal/validate';
import { isModuleTask, type AnyFunction } from '../tasks/moduleTask';
import type { Task } from '../tasks/Task';

/**
 * Options every executor takes (Python's `max_workers`, `thread_name_prefix`, `initializer`, `initargs`).
 *
 * @example
 * ```ts
 * const executor = new AsyncExecutor({ maxWorkers: 4, threadNamePrefix: 'db', initializer: connect, initArgs: [url] });
 * ```
 */
export interface ExecutorOptions {
  /** How many tasks may run at once (event-loop slots, threads or processes). Must be a whole number > 0. */
  maxWorkers?: number;
  /** Prefix of worker names, as Python's `thread_name_prefix`: workers are named `<prefix>_<n>`. @default `<Class>-<executor number>` */
  threadNamePrefix?: string;
  /** Runs once in each worker before its first task; if it fails the executor is broken. */
  initializer?: Task<never[], unknown> | AnyFunction;
  /** Arguments for the initializer. @default [] */
  initArgs?: readonly unknown[];
}

/**
 * Options of {@link Executor.shutdown}. Times are in milliseconds.
 *
 * @example
 * ```ts
 * await executor.shutdown({ cancelFutures: true, timeout: 5000 });
 * ```
 */
export interface ShutdownOptions {
  /** Resolve only once running and queued work is finished and every resource is released. @default true */
  wait?: boolean;
  /** Cancel every future that has not started. @default false */
  cancelFutures?: boolean;
  /** Milliseconds after which queued tasks are cancelled and running ones aborted, so shutdown cannot hang. @default no limit */
  timeout?: number;
}

/** The names of {@link ExecutorOptions}. */
export const EXECUTOR_OPTION_KEYS = keysOf<ExecutorOptions>({ maxWorkers: true, threadNamePrefix: true, initializer: true, initArgs: true });

/** Executor options after validation, with defaults applied. */
export interface ExecutorSettings {
  readonly maxWorkers: number;
  readonly threadNamePrefix: string | undefined;
  readonly initializer: Task<unknown[], unknown> | undefined;
  readonly initArgs: readonly unknown[];
}

/**
 * Validates the options every executor shares, with messages naming the option and the value received.
 *
 * @example
 * ```ts
 * const { maxWorkers } = readExecutorOptions('AsyncExecutor', { maxWorkers: 4 }, 8); // 4
 * ```
 * @param ownKeys - the options the executor class takes beyond {@link ExecutorOptions}: any other key throws. Omit it
 * to skip that check (for a subclass that does not say which options it reads).
 * @throws RangeError if `maxWorkers` is not a whole number greater than 0; TypeError for an unknown option and other
 * bad options.
 */
export function readExecutorOptions(
  kind: string,
  options: ExecutorOptions | undefined,
  defaultMaxWorkers: number,
  ownKeys?: readonly string[],
): ExecutorSettings {
  const keys = ownKeys === undefined ? undefined : [...EXECUTOR_OPTION_KEYS, ...ownKeys];
  const opts = checkOptions<ExecutorOptions>(kind, options, keys);
  if (typeof opts.maxWorkers === 'number' && !(opts.maxWorkers > 0)) {
    throw new RangeError(`maxWorkers must be greater than 0; received ${describe(opts.maxWorkers)}`);
  }
  const maxWorkers = checkInteger('maxWorkers', opts.maxWorkers, 1, defaultMaxWorkers);
  if (opts.threadNamePrefix !== undefined && typeof opts.threadNamePrefix !== 'string') {
    throw new TypeError(`threadNamePrefix must be a string; received ${describe(opts.threadNamePrefix)}`);
  }
  if (opts.initializer !== undefined && typeof opts.initializer !== 'function' && !isModuleTask(opts.initializer)) {
    throw new TypeError(`initializer must be a function or a moduleTask(); received ${describe(opts.initializer)}`);
  }
  if (opts.initArgs !== undefined && !Array.isArray(opts.initArgs)) {
    throw new TypeError(`initArgs must be an array; received ${describe(opts.initArgs)}`);
  }
  return {
    maxWorkers,
    threadNamePrefix: opts.threadNamePrefix,
    initializer: opts.initializer as Task<unknown[], unknown> | undefined,
    initArgs: opts.initArgs ?? [],
  };
}
