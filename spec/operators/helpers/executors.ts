import type { Future } from '../../../src/Future';
import { AsyncExecutor } from '../../../src/executors/AsyncExecutor';
import type { Executor } from '../../../src/executors/Executor';
import { ProcessPoolExecutor } from '../../../src/executors/ProcessPoolExecutor';
import { ThreadPoolExecutor } from '../../../src/executors/ThreadPoolExecutor';

type Factory = [string, (maxWorkers: number) => Executor];

// A short grace everywhere, so a never-ending task that was aborted frees its worker (and shutdown) quickly.
const inLoop: Factory = ['AsyncExecutor', (maxWorkers) => new AsyncExecutor({ maxWorkers, abortGraceMs: 50 })];

/**
 * The executor kinds every operator test runs on (`describe.each`). Tasks used with them must be self-contained
 * functions (no closures) so the worker pools can run them too.
 */
export const executorFactories: Factory[] = [
  inLoop,
  ['ThreadPoolExecutor', (maxWorkers) => new ThreadPoolExecutor({ maxWorkers, abortGraceMs: 50 })],
  ['ProcessPoolExecutor', (maxWorkers) => new ProcessPoolExecutor({ maxWorkers, abortGraceMs: 50 })],
];

/** The executor kinds `Executor.stream` runs on: all of them (the pools run the task in a worker). */
export const streamingExecutorFactories: Factory[] = executorFactories;

/**
 * Records every future `executor` creates from now on (submitWith, submit, submitChunk, stream tasks), for leak checks, and calls
 * `onCreate` with each as it is created.
 */
export function recordFutures(executor: Executor, onCreate?: (future: Future<unknown>) => void): Future<unknown>[] {
  const futures: Future<unknown>[] = [];
  const record = <F extends Future<unknown>>(future: F): F => {
    futures.push(future);
    onCreate?.(future);
    return future;
  };
  const submitWith = executor.submitWith.bind(executor);
  const submitChunk = executor.submitChunk.bind(executor);
  executor.submitWith = ((...args: Parameters<typeof submitWith>) => record(submitWith(...args))) as typeof submitWith;
  executor.submitChunk = (...args: Parameters<typeof submitChunk>) => record(submitChunk(...args) as Future<unknown>) as Future<unknown[]>;
  // The pools and ThreadsJsExecutor submit stream tasks through this protected door.
  const open = executor as unknown as { submitStreamItem: (...args: unknown[]) => Future<unknown> };
  const submitStreamItem = open.submitStreamItem.bind(executor);
  open.submitStreamItem = (...args: unknown[]) => record(submitStreamItem(...args));
  return futures;
}

/**
 * Records, from now on, the futures `executor` creates in the order they complete. The listener is attached as the
 * future is created, before any operator's, so this is the true completion order whatever the executor's dispatch.
 */
export function recordCompletions(executor: Executor): Future<unknown>[] {
  const completed: Future<unknown>[] = [];
  recordFutures(executor, (future) => future._listen(() => completed.push(future)));
  return completed;
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
