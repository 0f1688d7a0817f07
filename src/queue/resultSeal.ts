import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a sealed text holds: a task's value, the error it failed with, or a progress value it reported. */
export type SealedKind = 'value' | 'error' | 'progress';

function mac(secret: string, queue: string, jobId: string, kind: SealedKind, text: string): string {
  const fields = [queue, jobId, kind, text];
  return createHmac('sha256', secret)
    .update(fields.map((field) => `${field.length}:${field}`).join('|'))
    .digest('hex');
}

/**
 * A worker's outcome, signed: the HMAC-SHA256 (hex) of the queue, the job id, the kind and the encoded outcome,
 * then a dot, then the encoded outcome. With a secret, workers seal what they write to Redis (a result, a recorded
 * error), so an executor with the same secret accepts only outcomes its workers produced for that very job: a value
 * written into Redis by anyone else, or copied from another job, is refused.
 *
 * @example
 * ```ts
 * const sealed = sealResult('secret', 'render', 'job-1', 'value', encodeValue(42));
 * unsealResult('secret', 'render', 'job-1', 'value', sealed); // the encoded 42
 * ```
 */
export function sealResult(secret: string, queue: string, jobId: string, kind: SealedKind, text: string): string {
  return `${mac(secret, queue, jobId, kind, text)}.${text}`;
}

/**
 * The encoded outcome inside `sealed` if its seal is right for this queue, job and kind (compared in constant time),
 * else `undefined`.
 *
 * @example
 * ```ts
 * unsealResult('secret', 'render', 'job-1', 'value', 'forged'); // undefined
 * ```
 */
export function unsealResult(secret: string, queue: string, jobId: string, kind: SealedKind, sealed: string): string | undefined {
  if (sealed.length < 65 || sealed[64] !== '.') return undefined;
  const text = sealed.slice(65);
  const given = Buffer.from(sealed.slice(0, 64), 'hex');
  const expected = Buffer.from(mac(secret, queue, jobId, kind, text), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? text : undefined;
}
