import { RxFuturesError } from './RxFuturesError';

/**
 * A queue worker refused to run a job, and ran none of it: the job was unsigned or wrongly signed, its signature had
 * expired, it was a replay of a job the worker already ran, it named a task the worker's tasks module does not
 * export, it was an inline task and the worker does not allow them, or its payload was larger than the worker's
 * `maxPayloadBytes`. The message says which.
 *
 * @example
 * ```ts
 * const error = await ex.submit((n: number) => n * 2, 21).exception();
 * if (error instanceof TaskRefusedError) console.error(error.message); // e.g. inline tasks are not allowed
 * ```
 */
export class TaskRefusedError extends RxFuturesError {}
