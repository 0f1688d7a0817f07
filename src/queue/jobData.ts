import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The version of the job format. 2: values travel as JSON text when JSON carries them exactly, otherwise as base64 of
 * the v8 serialization (version 1 had only the latter). A worker refuses a job of another version, with a reason
 * that says so, rather than misread it: upgrade the clients and the workers of a queue together.
 */
export const JOB_FORMAT = 2;

/** The job name of an inline task (an export cannot be called this by accident: it is not an identifier). */
export const INLINE_NAME = '(inline)';

/**
 * What a QueueExecutor job carries in BullMQ's `data`. Short keys: this is written once per job.
 * Everything that decides what runs is covered by the signature `h`.
 */
export interface JobData {
  /** Format version: {@link JOB_FORMAT}. */
  readonly v: typeof JOB_FORMAT;
  /** The export to call, or '' for an inline task. */
  readonly t: string;
  /** An inline task's source. */
  readonly s?: string;
  /** How `a` holds the calls: 0 one call, 1 a chunk of argument lists, 2 a chunk of single arguments. */
  readonly c: 0 | 1 | 2;
  /** The arguments, encoded (see `encodeValue`: JSON text, or base64 of the v8 serialization). */
  readonly a: string;
  /** Expiry time of the job, ms since the epoch. */
  readonly x: number;
  /** The task's timeout in ms, counted from its start on the worker; absent for none. */
  readonly o?: number;
  /**
   * The W3C trace context of the task's span on the client (`traceparent`, `tracestate`), when the client traces
   * (see the README's Traces); the worker's span of the task is its child. Not signed: it decides nothing that runs.
   */
  readonly p?: Readonly<Record<string, string>>;
  /** HMAC-SHA256 (hex) over the queue, the job id and the fields above; absent when the client has no secret. */
  readonly h?: string;
}

/** The signed text: each field length-prefixed, so no field's content can shift another's boundary. */
function signedText(queue: string, jobId: string, data: JobData): string {
  const fields = [queue, jobId, data.t, data.s ?? '', String(data.c), data.a, String(data.x), String(data.o ?? '')];
  return fields.map((field) => `${field.length}:${field}`).join('|');
}

/**
 * The HMAC of a job, hex: over the queue name, the job id, the task (name or source), the chunk shape, the payload,
 * the expiry and the timeout.
 *
 * @example
 * ```ts
 * const h = signJob('secret', 'render', 'job-1', data);
 * ```
 */
export function signJob(secret: string, queue: string, jobId: string, data: JobData): string {
  return createHmac('sha256', secret).update(signedText(queue, jobId, data)).digest('hex');
}

/** `true` if `data.h` is the right signature for this queue and job id (compared in constant time). */
export function verifyJob(secret: string, queue: string, jobId: string, data: JobData): boolean {
  if (typeof data.h !== 'string' || data.h.length !== 64) return false;
  const expected = Buffer.from(signJob(secret, queue, jobId, data), 'hex');
  const given = Buffer.from(data.h, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The reason `value` is not a well-formed {@link JobData}, or `undefined` if it is. Checked before anything else
 * (nothing in it is deserialized here).
 */
export function malformed(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return 'its data is not an rxfutures job';
  const data = value as Record<string, unknown>;
  if (data.v !== JOB_FORMAT) {
    return typeof data.v === 'number'
      ? `it is a job of rxfutures' format version ${data.v}, and this worker reads version ${JOB_FORMAT}: upgrade the queue's clients and workers together`
      : 'its data is not an rxfutures job';
  }
  if (typeof data.t !== 'string' || typeof data.a !== 'string' || typeof data.x !== 'number') return 'its data is incomplete';
  if (data.c !== 0 && data.c !== 1 && data.c !== 2) return 'its data has an unknown call shape';
  if (data.t === '' && typeof data.s !== 'string') return 'it is an inline task without source';
  if (data.o !== undefined && (typeof data.o !== 'number' || !(data.o >= 0))) return 'its timeout is not a number';
  return undefined;
}

/**
 * The size a job's payload is measured by, on the client and the worker alike: the characters of its encoded
 * arguments plus those of its inline source (what Redis stores).
 */
export function payloadSize(args: string, source: string | undefined): number {
  return args.length + (source?.length ?? 0);
}
