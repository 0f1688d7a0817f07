import type { TransferListItem } from 'node:worker_threads';
import type { TimeoutError } from '../errors/TimeoutError'; // for {@link} in a doc comment
import { checkInteger, checkOptions, describe, keysOf } from '../internal/validate';
import { isModuleTask, type AnyFunction } from '../tasks/moduleTask';
import type { Task } from '../tasks/Task';

// The options of executors and of their methods, in one place. Options particular to one executor kind live beside
// it (AsyncExecutorOptions, PoolOptions, ThreadPoolExecutorOptions...).

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

/**
 * Per-task options of {@link Executor.submitWith}.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const future = executor.submitWith({ signal: controller.signal, timeout: 2000 }, crunch, input);
 * ```
 */
export interface SubmitOptions {
  /** Aborts the task: a queued task is removed, a running one is stopped (see the executor). */
  signal?: AbortSignal;
  /** Milliseconds the task may run, counted from the moment it starts (time in the queue does not count). */
  timeout?: number;
  /**
   * Objects to move rather than copy to a worker thread (ArrayBuffer, MessagePort, ...): they are detached from the
   * caller when `submitWith` returns, as `postMessage` detaches them. A process pool copies the ArrayBuffers and then
   * detaches them the same way (it refuses MessagePorts). The AsyncExecutor ignores the list.
   */
  transfer?: readonly TransferListItem[];
  /**
   * How many more times to run the task after it fails: `retries: 2` means at most three attempts. A timeout counts
   * as a failure; a cancellation or an abort (the `signal`, `defer`'s unsubscribe, a shutdown's `cancelFutures` or
   * `timeout`) is never retried. The future stays unsettled until the last attempt, and goes back to `PENDING` while
   * it waits for the next one, so `cancel()` then succeeds; {@link Future.attempts} says how many ran. Each attempt
   * sends the task's arguments again, so `transfer` cannot be combined with retries. Must be a whole number >= 0.
   * @default 0
   */
  retries?: number;
  /**
   * How long to wait before each retry: a number of milliseconds (the same every time), or
   * `{ type: 'exponential', delay, maxDelay }` (`delay`, then twice that, four times... up to `maxDelay`), or
   * `{ type: 'fixed', delay }`. A jittered backoff waits a random time between half the delay and the full delay, so
   * that tasks that failed together do not all come back together; `jitter` is on by default for `'exponential'` and
   * off for a fixed delay. @default 0 (retry at once)
   */
  backoff?: Backoff;
  /**
   * Decides whether a failed attempt is run again: called in the submitting process with the attempt's error and
   * the number of attempts so far; return `false` to fail the future with this error. An error thrown by `retryIf`
   * fails the future with that error. Not called for a cancellation or an abort. @default every failure is retried
   */
  retryIf?: (error: unknown, attempts: number) => boolean;
  /**
   * Where the task waits among the tasks waiting for a worker: a whole number from 0 (the default, first) to
   * 2,097,152 (BullMQ's range); a lower number runs first, tasks of one priority run in submission order. A task a
   * worker has already taken (a worker pool sends a few ahead to a busy worker) is no longer waiting. @default 0
   */
  priority?: number;
}

/**
 * {@link SubmitOptions.backoff}: a delay in milliseconds, or a schedule of delays.
 *
 * @example
 * ```ts
 * const backoff: Backoff = { type: 'exponential', delay: 100, maxDelay: 5000 }; // ~100, ~200, ~400 ... ms
 * executor.submitWith({ retries: 5, backoff }, fetchPage, url);
 * ```
 */
export type Backoff =
  | number
  | {
      /** `'fixed'`: `delay` every time; `'exponential'`: `delay * 2 ** (retry - 1)`, at most `maxDelay`. */
      type: 'fixed' | 'exponential';
      /** Milliseconds before the first retry. */
      delay: number;
      /** The longest wait, for `'exponential'`. @default no limit */
      maxDelay?: number;
      /** Wait a random time between half the delay and the delay. @default true for 'exponential', false for 'fixed' */
      jitter?: boolean;
    };

/** The highest {@link SubmitOptions.priority} (BullMQ's limit). */
export const MAX_PRIORITY = 2_097_152;

/**
 * Options of `Executor.map`, given as its last argument. Times are in milliseconds.
 *
 * @example
 * ```ts
 * executor.map(square, numbers, { timeout: 10_000, chunksize: 256, buffersize: 1024 });
 * ```
 */
export interface MapOptions {
  /** Milliseconds from the call of `map` until the results still missing raise {@link TimeoutError}. @default no limit */
  timeout?: number;
  /** How many argument lists one task carries to a worker (fewer messages for small tasks). @default 1 */
  chunksize?: number;
  /** Submit at most this many tasks ahead of the consumer (Python 3.14), so an endless iterable works. @default all at once */
  buffersize?: number;
  /** Retry a failed task (a chunk is one task: it runs again whole), as {@link SubmitOptions.retries}. @default 0 */
  retries?: number;
  /** The wait before a retry, as {@link SubmitOptions.backoff}. @default 0 */
  backoff?: Backoff;
  /** Which failures to retry, as {@link SubmitOptions.retryIf}. @default all */
  retryIf?: (error: unknown, attempts: number) => boolean;
  /** The priority of every task of this map, as {@link SubmitOptions.priority}. @default 0 */
  priority?: number;
}

/**
 * Options of `Executor.streamWith`.
 *
 * @example
 * ```ts
 * executor.streamWith({ highWaterMark: 64 }, readRecords, path).subscribe(handle);
 * ```
 */
export interface StreamOptions {
  /**
   * How many values the task may run ahead of the subscriber (written and not yet delivered) before it is paused.
   * Must be a whole number >= 1. @default 16
   */
  highWaterMark?: number;
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

const STREAM_KEYS = keysOf<StreamOptions>({ highWaterMark: true });

/** Checks `streamWith` options; returns the high-water mark. */
export function checkStreamOptions(options: StreamOptions | undefined): number {
  const { highWaterMark } = checkOptions<StreamOptions>('streamWith()', options, STREAM_KEYS);
  return checkInteger('highWaterMark', highWaterMark, 1, 16);
}
