import { RxFuturesError } from './RxFuturesError';

/**
 * The queue worker running this task was lost (killed, crashed, or its machine went away) more often than the
 * queue's `maxStalledCount` allows: the job was handed to another worker that many times and is now failed.
 * `workerName` names the worker that held it last.
 *
 * @example
 * ```ts
 * const error = await future.exception();
 * if (error instanceof WorkerLostError) console.log(`lost on ${error.workerName}`);
 * ```
 */
export class WorkerLostError extends RxFuturesError {
  /** The name of the worker that last started the job (`runWorker`'s `name`), or `''` if none is known. */
  workerName = '';
}
