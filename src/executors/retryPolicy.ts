import { checkInteger, checkOptions, checkTimeout, describe, keysOf } from '../internal/validate';
import type { Backoff, SubmitOptions } from './ExecutorOptions';

type BackoffSchedule = Exclude<Backoff, number>;
const BACKOFF_KEYS = keysOf<BackoffSchedule>({ type: true, delay: true, maxDelay: true, jitter: true });

/**
 * The retry options of one submission, checked: how many retries, the wait before each, and which failures to retry.
 *
 * @example
 * ```ts
 * const policy = retryPolicy({ retries: 2, backoff: { type: 'exponential', delay: 100 } });
 * policy.delay(1); // between 50 and 100 ms
 * ```
 */
export interface RetryPolicy {
  /** The most runs after the first. */
  readonly retries: number;
  /** The user's `retryIf`, or `undefined` to retry every failure. */
  readonly retryIf: ((error: unknown, attempts: number) => boolean) | undefined;
  /** Milliseconds to wait before retry number `retry` (1 for the first retry). */
  delay(retry: number): number;
}

/**
 * Checks the retry options of `submitWith` or `map` (`retries`, `backoff`, `retryIf`), with messages naming the
 * option and the value received.
 *
 * @example
 * ```ts
 * checkRetryOptions({ retries: 3, backoff: 250 }); // fine
 * checkRetryOptions({ retries: -1 }); // RangeError: retries must be a whole number >= 0; received -1
 * ```
 * @throws TypeError/RangeError for a bad option; TypeError for `transfer` together with retries.
 */
export function checkRetryOptions(opts: Partial<SubmitOptions>): void {
  const retries = checkInteger('retries', opts.retries, 0, 0);
  if (opts.backoff !== undefined) checkBackoff(opts.backoff);
  if (opts.retryIf !== undefined && typeof opts.retryIf !== 'function') {
    throw new TypeError(`retryIf must be a function; received ${describe(opts.retryIf)}`);
  }
  if (retries > 0 && opts.transfer !== undefined && opts.transfer.length > 0) {
    throw new TypeError('transfer cannot be combined with retries: the moved objects are gone after the first attempt');
  }
}

function checkBackoff(backoff: unknown): void {
  if (typeof backoff === 'number') {
    if (checkTimeout('backoff', backoff) === undefined) throw new RangeError(`backoff must be a finite number of milliseconds; received ${backoff}`);
    return;
  }
  if (backoff === null || typeof backoff !== 'object') {
    throw new TypeError(`backoff must be a number of milliseconds or { type, delay, maxDelay }; received ${describe(backoff)}`);
  }
  const schedule = checkOptions<BackoffSchedule>('backoff', backoff, BACKOFF_KEYS);
  if (schedule.type !== 'fixed' && schedule.type !== 'exponential') {
    throw new TypeError(`backoff.type must be 'fixed' or 'exponential'; received ${describe(schedule.type)}`);
  }
  if (schedule.delay === undefined || checkTimeout('backoff.delay', schedule.delay) === undefined) {
    throw new RangeError(`backoff.delay must be a finite number of milliseconds; received ${describe(schedule.delay)}`);
  }
  checkTimeout('backoff.maxDelay', schedule.maxDelay);
  if (schedule.jitter !== undefined && typeof schedule.jitter !== 'boolean') {
    throw new TypeError(`backoff.jitter must be a boolean; received ${describe(schedule.jitter)}`);
  }
}

/**
 * The {@link RetryPolicy} of options already checked with {@link checkRetryOptions}.
 *
 * @example
 * ```ts
 * if (options.retries) run = new RetryRun(future, retryPolicy(options), host);
 * ```
 */
export function retryPolicy(opts: SubmitOptions): RetryPolicy {
  const backoff = opts.backoff ?? 0;
  const schedule: BackoffSchedule = typeof backoff === 'number' ? { type: 'fixed', delay: backoff } : backoff;
  const { type, delay: base, maxDelay = Infinity } = schedule;
  const jitter = schedule.jitter ?? type === 'exponential';
  return {
    retries: opts.retries ?? 0,
    retryIf: opts.retryIf,
    delay(retry: number): number {
      const full = type === 'exponential' ? Math.min(maxDelay, base * 2 ** (retry - 1)) : base;
      return jitter ? full / 2 + Math.random() * (full / 2) : full;
    },
  };
}
