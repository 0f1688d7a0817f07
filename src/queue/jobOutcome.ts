import { JobLostError, SerializationError, WorkerLostError } from './executorSurface';
import { decodeError, decodeValue } from './valueCodec';

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
export function outcomeOf(jobId: string, fields: (string | null)[]): JobOutcome {
  const [timestamp, gate, finishedOn, returnvalue, failedReason, rxe, stc, rxw] = fields;
  if (timestamp === null) return { kind: 'lost' };
  if (finishedOn === null) return { kind: 'pending', running: gate === 's' };
  if (failedReason !== null) return { kind: 'done', failed: true, value: failureOf(jobId, { rxe, stc, rxw, failedReason }) };
  return completed(returnvalue);
}

/** The value of a `completed` event or hash field (BullMQ's JSON of the worker's encoded result). */
export function completed(returnvalue: string | null | undefined): JobOutcome {
  try {
    return { kind: 'done', failed: false, value: decodeValue(JSON.parse(returnvalue ?? 'null') as string) };
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
export function failureOf(jobId: string, { rxe, stc, rxw, failedReason }: FailureFields): unknown {
  if (typeof rxe === 'string') {
    try {
      return decodeError(rxe);
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
