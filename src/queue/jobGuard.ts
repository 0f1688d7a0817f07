import { malformed, payloadSize, verifyJob, type JobData } from './jobData';
import type { ReplayMemory } from './ReplayMemory';

/** What a worker checks a job against. */
export interface GuardSettings {
  readonly queue: string;
  readonly secret: string | undefined;
  readonly allowInline: boolean;
  readonly maxPayloadBytes: number;
  readonly names: ReadonlySet<string>;
  readonly replays: ReplayMemory;
}

/**
 * Why a worker must refuse a job, or `undefined` if it may run it. Every check reads only strings and numbers of the
 * job's data: nothing is deserialized or compiled before the job passes. In order: the shape, the size, inline tasks
 * allowed, the signature (with a secret), the expiry, a replay, and the task's name. A job BullMQ hands out again
 * because its run was lost (`redelivered`: it stalled, or was started before) is not a replay, even on the worker
 * that ran it: delivery is at least once. A job added again with plain BullMQ starts with fresh counters.
 *
 * @example
 * ```ts
 * const why = refusal(job.id, job.data, settings); // e.g. 'it is not signed with this worker's secret'
 * ```
 */
export function refusal(jobId: string, value: unknown, settings: GuardSettings, now = Date.now(), redelivered = false): string | undefined {
  const shape = malformed(value);
  if (shape !== undefined) return shape;
  const data = value as JobData;
  const size = payloadSize(data.a, data.s);
  if (size > settings.maxPayloadBytes) return `its payload is ${size} bytes, more than this worker's maxPayloadBytes (${settings.maxPayloadBytes})`;
  if (data.t === '' && !settings.allowInline) return 'it is an inline task, and this worker runs only the exports of its tasks module (start it with allowInline and a secret to allow them)';
  if (settings.secret !== undefined && !verifyJob(settings.secret, settings.queue, jobId, data)) {
    return data.h === undefined ? 'it is not signed, and this worker has a secret' : "it is not signed with this worker's secret";
  }
  if (data.x < now) return `it expired at ${new Date(data.x).toISOString()} (jobExpiryMs of its executor)`;
  if (!redelivered && settings.replays.has(jobId, now)) return 'this worker already ran a job with this id: a replay';
  if (data.t !== '' && !settings.names.has(data.t)) return `the tasks module exports no function named '${data.t}'`;
  return undefined;
}
