import { checkInteger, checkOptions, checkTimeout, describe, keysOf } from '../internal/validate';
import { isModuleTask } from '../tasks/moduleTask';
import { MAX_PRIORITY, type MapOptions, type SubmitOptions } from './ExecutorOptions';
import { checkRetryOptions } from './retryPolicy';

const SUBMIT_KEYS = keysOf<SubmitOptions>({
  signal: true,
  timeout: true,
  transfer: true,
  retries: true,
  backoff: true,
  retryIf: true,
  priority: true,
});
const MAP_KEYS = keysOf<MapOptions>({
  timeout: true,
  chunksize: true,
  buffersize: true,
  retries: true,
  backoff: true,
  retryIf: true,
  priority: true,
});

/** What `map`'s arguments say once checked: the iterables to zip and the options. */
export interface MapArguments {
  iterables: Iterable<unknown>[];
  timeout: number | undefined;
  chunksize: number;
  buffersize: number | undefined;
  /** The options of each task (`retries`, `backoff`, `retryIf`, `priority`), or `undefined` for none. */
  task: SubmitOptions | undefined;
}

/**
 * Checks a task priority: a whole number from 0 to {@link MAX_PRIORITY}. Returns `undefined` for 0 (the default),
 * so that a queue sees a priority only when one was asked for.
 *
 * @example
 * ```ts
 * checkPriority('priority', 5); // 5
 * checkPriority('priority', -1); // RangeError
 * ```
 * @throws TypeError/RangeError naming the option and the value received.
 */
export function checkPriority(name: string, value: unknown): number | undefined {
  const priority = checkInteger(name, value, 0);
  if (priority !== undefined && priority > MAX_PRIORITY) {
    throw new RangeError(`${name} must be a whole number from 0 to ${MAX_PRIORITY}; received ${priority}`);
  }
  return priority === 0 ? undefined : priority;
}

/**
 * Checks that a task is a function or a module task.
 *
 * @example
 * ```ts
 * checkTask((x: number) => x); // fine
 * checkTask(42); // throws TypeError
 * ```
 * @throws TypeError naming what was received.
 */
export function checkTask(fn: unknown): void {
  if (typeof fn !== 'function' && !isModuleTask(fn)) {
    throw new TypeError(`the task must be a function or a moduleTask(); received ${describe(fn)}`);
  }
}

/**
 * Checks `submitWith`'s options: an `AbortSignal`, a timeout in milliseconds, a transfer list, the retry options and
 * a priority. A `retries` or `priority` of 0 comes back as `undefined` (nothing to do).
 *
 * @example
 * ```ts
 * checkSubmitOptions({ timeout: 100 });
 * ```
 * @throws TypeError/RangeError naming the option and the value received.
 */
export function checkSubmitOptions(options: SubmitOptions): SubmitOptions {
  const opts = checkOptions<SubmitOptions>('submitWith()', options, SUBMIT_KEYS);
  if (opts.signal !== undefined && !(opts.signal instanceof AbortSignal)) {
    throw new TypeError(`signal must be an AbortSignal; received ${describe(opts.signal)}`);
  }
  if (opts.transfer !== undefined && !Array.isArray(opts.transfer)) {
    throw new TypeError(`transfer must be an array; received ${describe(opts.transfer)}`);
  }
  const timeout = checkTimeout('timeout', opts.timeout);
  const priority = checkPriority('priority', opts.priority);
  if (opts.retries === undefined && opts.backoff === undefined && opts.retryIf === undefined) {
    return { signal: opts.signal, timeout, transfer: opts.transfer, priority };
  }
  checkRetryOptions(opts);
  const { retries, backoff, retryIf } = opts;
  return { signal: opts.signal, timeout, transfer: opts.transfer, priority, retries: retries || undefined, backoff, retryIf };
}

/** `true` for a plain options object: an object that is neither an array nor iterable. */
function isOptionsObject(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function'
  );
}

/**
 * Splits `map`'s rest arguments into the iterables and a trailing options object (a plain non-iterable object),
 * and checks both.
 *
 * @example
 * ```ts
 * readMapArguments([[1, 2], ['a', 'b'], { timeout: 100 }]); // two iterables, timeout 100
 * ```
 * @throws TypeError/RangeError for a missing or non-iterable argument or a bad option.
 */
export function readMapArguments(rest: unknown[]): MapArguments {
  const last = rest[rest.length - 1];
  const options = checkOptions<MapOptions>('map()', rest.length > 0 && isOptionsObject(last) ? rest.pop() : undefined, MAP_KEYS);
  if (rest.length === 0) throw new TypeError('map() needs at least one iterable of arguments');
  rest.forEach((iterable, index) => {
    if (iterable === null || typeof (iterable as Iterable<unknown>)?.[Symbol.iterator] !== 'function') {
      throw new TypeError(`map() argument ${index + 2} must be an iterable; received ${describe(iterable)}`);
    }
  });
  const priority = checkPriority('priority', options.priority);
  checkRetryOptions(options);
  const { retries, backoff, retryIf } = options;
  const task = priority !== undefined || retries ? { priority, retries: retries || undefined, backoff, retryIf } : undefined;
  return {
    iterables: rest as Iterable<unknown>[],
    timeout: checkTimeout('timeout', options.timeout),
    chunksize: checkInteger('chunksize', options.chunksize, 1, 1),
    buffersize: checkInteger('buffersize', options.buffersize, 1),
    task,
  };
}
