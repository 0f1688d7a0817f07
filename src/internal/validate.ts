/** Option validation shared by every constructor and method; messages name the option and the value received. */
import { unknownOption } from './unknownOption';

/** Longest delay `setTimeout` honours; anything longer would fire at once, so it is treated as "forever". */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * A short, safe rendering of a received value for error messages: strings quoted, functions by name, objects and
 * arrays by kind (never their contents, which may be large or secret).
 *
 * @example
 * ```ts
 * throw new TypeError(`queue must be a string; received ${describe(options.queue)}`); // "received 42", "received an object"
 * ```
 */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return `a function (${value.name || 'anonymous'})`;
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

/**
 * Checks a duration in milliseconds: a number >= 0, where `Infinity` means "no limit". `undefined` (or `null`) means
 * `defaultMs` when the option has a default, else "no limit". Returns `undefined` for "no limit" so callers arm a
 * timer only when one is needed.
 *
 * @example
 * ```ts
 * const lostAfter = checkTimeout('lostWorkerTimeout', options.lostWorkerTimeout, 30_000); // 30000 if not given
 * ```
 * @throws TypeError or RangeError naming the option and the value received.
 */
export function checkTimeout(name: string, value: unknown, defaultMs?: number): number | undefined {
  if (value === undefined || value === null) return defaultMs;
  const absent = defaultMs === undefined ? 'Infinity or undefined for no limit' : `Infinity for no limit, undefined for the default of ${defaultMs} ms`;
  if (typeof value !== 'number') {
    throw new TypeError(`${name} must be a number of milliseconds (${absent}); received ${describe(value)}`);
  }
  if (Number.isNaN(value) || value < 0) {
    throw new RangeError(`${name} must be a number of milliseconds >= 0 (${absent}); received ${value}`);
  }
  return value > MAX_TIMER_MS ? undefined : value;
}

/**
 * Checks a whole number >= `min`; `undefined` returns the fallback.
 *
 * @example
 * ```ts
 * const maxWorkers = checkInteger('maxWorkers', options.maxWorkers, 1, availableParallelism());
 * ```
 * @throws TypeError or RangeError naming the option and the value received.
 */
export function checkInteger(name: string, value: unknown, min: number, fallback: number): number;
export function checkInteger(name: string, value: unknown, min: number, fallback?: number): number | undefined;
export function checkInteger(name: string, value: unknown, min: number, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  if (typeof value !== 'number') {
    throw new TypeError(`${name} must be a whole number >= ${min}; received ${describe(value)}`);
  }
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be a whole number >= ${min}; received ${value}`);
  }
  return value;
}

/**
 * Checks that an options argument is a plain object (or undefined). With `keys`, every own key must be one of them:
 * plain JavaScript has no type checker, and a misspelt option (`maxWokers: 4`) would otherwise be ignored without a
 * word. The check is one pass over the given keys, cheap enough for options passed with every task.
 *
 * @param owner - who takes the options, for messages: `'ThreadPoolExecutor'`, `'submitWith()'`.
 * @example
 * ```ts
 * const { queue, prefix } = checkOptions<MyOptions>('MyExecutor', options, ['queue', 'prefix']);
 * // new MyExecutor({ queu: 'a' }) throws "unknown option 'queu' ... did you mean 'queue'?"
 * ```
 * @throws TypeError if `value` is not an object, or for a key not in `keys` (naming the nearest valid option).
 */
export function checkOptions<T extends object>(owner: string, value: unknown, keys?: readonly string[]): Partial<T> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`the options of ${owner} must be an object; received ${describe(value)}`);
  }
  if (keys !== undefined) {
    // A plain loop of `===` (interned strings compare by pointer): measured several times cheaper than `includes`.
    for (const key in value) {
      let known = false;
      for (let i = 0; i < keys.length && !known; i++) known = keys[i] === key;
      if (!known && Object.prototype.hasOwnProperty.call(value, key)) throw unknownOption(owner, key, keys);
    }
  }
  return value as Partial<T>;
}

/**
 * The option names of an options interface `T`, as a list for {@link checkOptions}: the compiler checks the record
 * names every key of `T` and nothing else, so the list cannot drift from the interface.
 */
export function keysOf<T>(keys: Record<keyof T & string, true>): readonly string[] {
  return Object.keys(keys);
}
