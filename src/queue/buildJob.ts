import { inlineSource, isModuleTask, traceContextOf, type WorkItem } from './executorSurface';
import { INLINE_NAME, JOB_FORMAT, payloadSize, signJob, type JobData } from './jobData';
import { namedTaskName } from './namedTask';
import { encodeValue } from './valueCodec';

/** What one job needs to know about its executor. */
export interface JobContext {
  readonly queue: string;
  readonly secret: string | undefined;
  readonly jobExpiryMs: number;
  readonly maxPayloadBytes: number;
}

/** A job ready for BullMQ: its name (the export, or `(inline)`) and data. */
export interface BuiltJob {
  readonly name: string;
  readonly data: JobData;
}

/**
 * Turns a work item into a job: the task by name or as source, the arguments serialized now (so later changes to
 * them do not travel), the expiry, the timeout, and the signature when there is a secret.
 *
 * @example
 * ```ts
 * const { name, data } = buildJob(item, 'job-1', context);
 * ```
 * @throws TypeError for a `moduleTask()` (workers run only their own exports); RangeError for a payload over
 * `maxPayloadBytes`; SerializationError for arguments v8 cannot serialize.
 */
export function buildJob(item: WorkItem, jobId: string, context: JobContext): BuiltJob {
  const exportName = namedTaskName(item.fn);
  if (exportName === undefined && isModuleTask(item.fn)) {
    throw new TypeError(
      'a QueueExecutor cannot run a moduleTask(): it names a file on this machine, and queue workers run only the ' +
        "exports of their own tasks module. Use namedTask<typeof fn>('exportName') instead",
    );
  }
  const source = exportName === undefined ? inlineSource(item.fn as (...args: never[]) => unknown) : undefined;
  const payload = encodeValue(item.args, "the task's arguments");
  const size = payloadSize(payload, source);
  if (size > context.maxPayloadBytes) {
    throw new RangeError(
      `the job's payload is ${size} bytes, more than maxPayloadBytes (${context.maxPayloadBytes}); send a reference ` +
        '(a path, a key, a URL) instead of the data, or raise maxPayloadBytes on the executor and the workers',
    );
  }
  const trace = traceContextOf(item);
  const unsigned: JobData = {
    v: JOB_FORMAT,
    t: exportName ?? '',
    ...(source === undefined ? {} : { s: source }),
    c: item.chunk,
    a: payload,
    x: Date.now() + context.jobExpiryMs,
    ...(item.options?.timeout === undefined ? {} : { o: item.options.timeout }),
    ...(trace === undefined ? {} : { p: trace }),
  };
  const data = context.secret === undefined ? unsigned : { ...unsigned, h: signJob(context.secret, context.queue, jobId, unsigned) };
  return { name: exportName ?? INLINE_NAME, data };
}
