import type { WorkItem } from './executorSurface';
import type { BuiltJob } from './buildJob';

/** Waits in the executor: not sent to Redis yet (the `maxWorkers` window is full, or the executor is starting). */
export const WAITING = 0;
/** Its `addBulk` is on the way to Redis. */
export const SENDING = 1;
/** In Redis, and the future waits for its outcome. */
export const QUEUED = 2;
/** The future was settled here (cancelled, aborted, timed out) while the job was in Redis: clean up once it ends. */
export const DRAINING = 3;
/** Nothing more to do. */
export const DONE = 4;

/** Where a tracked job is in its life; see the constants above. */
export type Phase = typeof WAITING | typeof SENDING | typeof QUEUED | typeof DRAINING | typeof DONE;

/**
 * One task of a QueueExecutor and its job in Redis: the work item (with the future), the job id made by the client,
 * the job to send, and where it is.
 */
export class TrackedJob {
  phase: Phase = WAITING;
  /** A worker started it (an `active` event or the job's hash said so). */
  started = false;
  /** The future got its outcome from Redis: the job's result is read, remove the job. */
  fromRedis = false;
  /** The future was settled here while the job was being added: stop the job once the add is done. */
  stopAfterAdd = false;

  constructor(
    readonly item: WorkItem,
    readonly jobId: string,
    /** The job as it will be sent; dropped once sent. */
    public built: BuiltJob | undefined,
  ) {}
}
