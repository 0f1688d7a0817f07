import { JobLostError, SerializationError, TaskRefusedError, WorkerLostError } from './executorSurface';
import type { SealedKind } from './resultSeal';
import { decodeError, decodeValue } from './valueCodec';

/**
 * Checks the seal of an outcome a worker wrote (see `sealResult`): returns the encoded outcome, or `undefined` to
 * refuse it. An executor without a secret takes outcomes as they are ({@link UNSEALED}).
 */
export type OutcomeCheck = (jobId: string, kind: SealedKind, text: string) => string | undefined;

/** The start of a sealed text (see `sealResult`). */
const SEAL = /^[0-9a-f]{64}\./;

/**
 * The check of an executor without a secret: every outcome is taken, a sealed one without its seal (it cannot check
 * it). A seal is 64 hex digits and a dot; no encoded outcome starts so (v8 text starts with '/' and has no dot; JSON
 * text longer than 64 characters is a string, an array or an object, and starts with '"', '[' or '{').
 */
export const UNSEALED: OutcomeCheck = (_jobId, _kind, text) => (text.length > 64 && text[64] === '.' && SEAL.test(text) ? text.slice(65) : text);

/** The fields of a job's hash that tell its outcome, in this order (for one `HMGET`). */
export const OUTCOME_FIELDS = ['timestamp', 'rxg', 'finishedOn', 'returnvalue', 'failedReason', 'rxe', 'stc', 'rxw'] as const;

/** What Redis says about a job: gone, still waiting or running, or finished with a value or an error. */
export type JobOutcome =
  | { readonly kind: 'lost' }
  | { readonly kind: 'pending'; readonly running: boolean }
  | { readonly kind: 'done'; readonly failed: boolean; readonly value: unknown };

/**
 * Reads the {@link OUTCOME_FIELDS} of a job's hash (all `null` when the job does not exist).
 *
 * @example
 * ```ts
 * const outcome = outcomeOf('job-1', await redis.hmget('bull:render:job-1', ...OUTCOME_FIELDS));
 * ```
 */
export function outcomeOf(jobId: string, fields: (string | null)[], check: OutcomeCheck = UNSEALED): JobOutcome {
  const [timestamp, gate, finishedOn, returnvalue, failedReason, rxe, stc, rxw] = fields;
  if (timestamp === null) return { kind: 'lost' };
  if (finishedOn === null) return { kind: 'pending', running: gate === 's' };
  if (failedReason !== null) return { kind: 'done', failed: true, value: failureOf(jobId, { rxe, stc, rxw, failedReason }, check) };
  return completed(jobId, returnvalue, check);
}

/** The value of a `completed` event or hash field (BullMQ's JSON of the worker's encoded, maybe sealed, result). */
export function completed(jobId: string, returnvalue: string | null | undefined, check: OutcomeCheck = UNSEALED): JobOutcome {
  try {
    const text: unknown = JSON.parse(returnvalue ?? 'null');
    if (typeof text !== 'string') throw new TypeError(`its result is ${text === null ? 'missing' : `a ${typeof text}`}, not encoded text`);
    const opened = check(jobId, 'value', text);
    if (opened === undefined) return { kind: 'done', failed: true, value: refusedOutcome(jobId, 'result') };
    return { kind: 'done', failed: false, value: decodeValue(opened) };
  } catch (error) {
    const failure = error instanceof SerializationError ? error : new SerializationError('the job\'s result is not an rxfutures value', { cause: error });
    return { kind: 'done', failed: true, value: failure };
  }
}

/** The hash fields that explain a failure. */
export interface FailureFields {
  /** The task's error as the worker encoded it (rxfutures workers always write it). */
  readonly rxe: string | null | undefined;
  /** How often the job stalled (its worker was lost). */
  readonly stc: string | null | undefined;
  /** The worker that started it last. */
  readonly rxw: string | null | undefined;
  /** BullMQ's reason. */
  readonly failedReason: string | null | undefined;
}

/**
 * The error a failed job's future fails with: the task's own error when an rxfutures worker recorded it; a
 * {@link WorkerLostError} when BullMQ failed the job because its workers kept getting lost; else an Error with
 * BullMQ's reason.
 */
export function failureOf(jobId: string, { rxe, stc, rxw, failedReason }: FailureFields, check: OutcomeCheck = UNSEALED): unknown {
  if (typeof rxe === 'string') {
    const opened = check(jobId, 'error', rxe);
    if (opened === undefined) return refusedOutcome(jobId, 'error');
    try {
      return decodeError(opened);
    } catch (error) {
      return error;
    }
  }
  if (Number(stc) > 0) {
    const error = new WorkerLostError(
      `job ${jobId} was lost with its worker${rxw ? ` ${rxw}` : ''} more often than maxStalledCount allows ` +
        `(BullMQ: ${failedReason ?? 'stalled'}); the task may have run partly, more than once`,
    );
    error.workerName = rxw ?? '';
    return error;
  }
  return new Error(`job ${jobId} failed outside an rxfutures worker: ${failedReason ?? 'no reason given'}`);
}

/**
 * The error of a future whose job is no longer in Redis.
 *
 * @example
 * ```ts
 * future.setException(jobLost('job-1', 'it was removed'));
 * ```
 */
export function jobLost(jobId: string, why: string): JobLostError {
  const error = new JobLostError(`job ${jobId} is no longer in Redis (${why}); its result can never arrive`);
  error.jobId = jobId;
  return error;
}

/** The error of a future whose job's outcome is not sealed with its executor's secret. */
function refusedOutcome(jobId: string, what: 'result' | 'error'): TaskRefusedError {
  return new TaskRefusedError(
    `the ${what} of job ${jobId} is not sealed with this executor's secret (a worker without the secret or with ` +
      'another one, or a value written into Redis by someone else); it was refused',
  );
}

/**
 * The value of a `progress` event (BullMQ's JSON of the text a worker wrote with `job.updateProgress`), in a box, or
 * `undefined` when it must be ignored: not an rxfutures value, or, with a secret, not sealed for this job.
 *
 * @example
 * ```ts
 * const progress = progressOf('job-1', event.detail);
 * if (progress !== undefined) future._reportProgress(progress.value);
 * ```
 */
export function progressOf(jobId: string, data: string, check: OutcomeCheck = UNSEALED): { value: unknown } | undefined {
  try {
    const text: unknown = JSON.parse(data);
    if (typeof text !== 'string') return undefined;
    const opened = check(jobId, 'progress', text);
    return opened === undefined ? undefined : { value: decodeValue(opened) };
  } catch {
    return undefined;
  }
}
