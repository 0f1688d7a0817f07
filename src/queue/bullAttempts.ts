import type { Backoff, SubmitOptions } from './executorSurface';

/** BullMQ's job options for retries: how many attempts in all, and the wait before each retry. */
export interface BullAttempts {
  readonly attempts: number;
  readonly backoff?: { readonly type: 'fixed' | 'exponential'; readonly delay: number; readonly jitter?: number };
}

/**
 * `true` if BullMQ's own attempts and backoff give exactly what these retry options ask for: no `retryIf` (it must
 * run in the submitting process) and no `maxDelay` (BullMQ's exponential backoff has no ceiling). Jitter maps
 * exactly: rxfutures waits between half the delay and the full delay, BullMQ's `jitter: 0.5` does the same.
 *
 * @example
 * ```ts
 * bullRetries({ retries: 2, backoff: { type: 'exponential', delay: 100 } }); // true
 * bullRetries({ retries: 2, retryIf: (e) => e instanceof RangeError }); // false: the submitter decides
 * ```
 */
export function bullRetries({ retryIf, backoff }: SubmitOptions): boolean {
  return retryIf === undefined && !(typeof backoff === 'object' && backoff.maxDelay !== undefined);
}

/**
 * The BullMQ job options of a task submitted with `retries` (options already checked), or `undefined` without.
 *
 * @example
 * ```ts
 * bullAttempts({ retries: 2, backoff: 250 }); // { attempts: 3, backoff: { type: 'fixed', delay: 250 } }
 * ```
 */
export function bullAttempts(options: SubmitOptions | undefined): BullAttempts | undefined {
  if (options?.retries === undefined) return undefined;
  const backoff = bullBackoff(options.backoff);
  return backoff === undefined ? { attempts: options.retries + 1 } : { attempts: options.retries + 1, backoff };
}

function bullBackoff(backoff: Backoff | undefined): BullAttempts['backoff'] {
  if (backoff === undefined || backoff === 0) return undefined;
  if (typeof backoff === 'number') return { type: 'fixed', delay: backoff };
  const jitter = backoff.jitter ?? backoff.type === 'exponential';
  return jitter ? { type: backoff.type, delay: backoff.delay, jitter: 0.5 } : { type: backoff.type, delay: backoff.delay };
}
