import { RxFuturesError } from './RxFuturesError';

/**
 * The job of a `QueueExecutor` future is no longer in Redis, so its result can never arrive: Redis restarted
 * without persistence, someone removed the job (or the whole queue), or a re-attached future (`futureOf(jobId)`)
 * names a job whose result was already read and removed. `jobId` names the job.
 *
 * @example
 * ```ts
 * const error = await ex.futureOf('job-from-yesterday').exception();
 * if (error instanceof JobLostError) console.log(`job ${error.jobId} is gone`);
 * ```
 */
export class JobLostError extends RxFuturesError {
  /** The id of the job that was lost. */
  jobId = '';
}
