import type { Future } from '../../../src/Future';
import { AsyncExecutor } from '../../../src/executors/AsyncExecutor';
import type { Executor } from '../../../src/executors/Executor';

/**
 * The executor kinds every operator test runs on (`describe.each`). Tasks used with them must be self-contained
 * functions (no closures) so the worker pools can run them too once they are added here.
 */
export const executorFactories: Array<[string, (maxWorkers: number) => Executor]> = [
  // A short grace so a never-ending task that was aborted frees its slot (and shutdown) quickly.
  ['AsyncExecutor', (maxWorkers) => new AsyncExecutor({ maxWorkers, abortGraceMs: 50 })],
];

/** Records every future `executor` creates from now on (submitWith, submit, submitChunk), for leak checks. */
export function recordFutures(executor: Executor): Future<unknown>[] {
  const futures: Future<unknown>[] = [];
  const submitWith = executor.submitWith.bind(executor);
  const submitChunk = executor.submitChunk.bind(executor);
  executor.submitWith = ((...args: Parameters<typeof submitWith>) => {
    const future = submitWith(...args);
    futures.push(future);
    return future;
  }) as typeof executor.submitWith;
  executor.submitChunk = (...args: Parameters<typeof submitChunk>) => {
    const future = submitChunk(...args);
    futures.push(future as Future<unknown>);
    return future;
  };
  return futures;
}

/** A value for the portable test task: `ticks` event-loop turns of work, then `v * 10`, or a failure if `fail`. */
export interface Job {
  v: number;
  ticks: number;
  fail?: boolean;
}

/**
 * The portable test task: waits `ticks` turns of the event loop (setImmediate), then returns `v * 10`, or throws an
 * error carrying `code: 'E_JOB'` and the job's `v`. Self-contained so a worker can run it.
 */
export async function jobTask(job: Job): Promise<number> {
  for (let i = 0; i < job.ticks; i++) await new Promise((resolve) => setImmediate(resolve));
  if (job.fail) throw Object.assign(new Error(`job ${job.v} failed`), { code: 'E_JOB', v: job.v });
  return job.v * 10;
}

/** `true` if `error` is the failure `jobTask` throws for value `v`. */
export function isJobFailure(error: unknown, v: number): boolean {
  return error instanceof Error && (error as Error & { code?: string }).code === 'E_JOB' && (error as Error & { v?: number }).v === v;
}

/** Resolves after `turns` turns of the event loop. */
export async function turns(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
}
