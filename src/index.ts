/**
 * rxfutures: Python's `concurrent.futures` for Node.js and TypeScript, shaped for RxJS.
 *
 * @example
 * ```ts
 * import { AsyncExecutor, asCompleted } from 'rxfutures';
 * await using executor = new AsyncExecutor({ maxWorkers: 4 });
 * const futures = [1, 2, 3].map((n) => executor.submit(async (x: number) => x * 2, n));
 * for await (const future of asCompleted(futures)) console.log(await future);
 * ```
 * @packageDocumentation
 */
export { Future, type DoneCallback } from './Future';
export type { FutureState } from './FutureState';
export { IterableObservable } from './IterableObservable';
export { wait, type FutureValue, type WaitOptions, type WaitResult } from './wait';
export { asCompleted, type AsCompletedOptions } from './asCompleted';
export { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, type ReturnWhen } from './ReturnWhen';
export { currentWorkerName } from './currentWorkerName';
export { taskSignal } from './taskSignal';
export { reportProgress } from './reportProgress';
export { taskTraceContext, type TraceHeaders } from './taskTraceContext';

export {
  Executor,
  type Backoff,
  type ExecutorOptions,
  type MapIterables,
  type MapOptions,
  type ShutdownOptions,
  type StreamOptions,
  type SubmitOptions,
} from './executors/Executor';
export { AsyncExecutor, type AsyncExecutorOptions } from './executors/AsyncExecutor';
export { ThreadPoolExecutor, type ThreadPoolExecutorOptions } from './executors/ThreadPoolExecutor';
export { ProcessPoolExecutor, type ProcessPoolExecutorOptions } from './executors/ProcessPoolExecutor';
export { PoolExecutor, type PoolOptions } from './executors/pool/PoolExecutor';
export { ThreadsJsExecutor, type ThreadsJsExecutorOptions } from './executors/ThreadsJsExecutor';
export type { PoolEvent, PoolSnapshot, TimeSummary } from './executors/pool/PoolStats';

export { moduleTask, type ModuleTask, type AnyFunction } from './tasks/moduleTask';
export type { Task } from './tasks/Task';
export type { StreamTask, StreamSource } from './tasks/StreamTask';

export { RxFuturesError } from './errors/RxFuturesError';
export type { RxFuturesErrorOptions } from './errors/RxFuturesError';
export { CancelledError } from './errors/CancelledError';
export { TimeoutError } from './errors/TimeoutError';
export { InvalidStateError } from './errors/InvalidStateError';
export { BrokenExecutor } from './errors/BrokenExecutor';
export { BrokenThreadPool } from './errors/BrokenThreadPool';
export { BrokenProcessPool } from './errors/BrokenProcessPool';
export { ExecutorShutdownError } from './errors/ExecutorShutdownError';
export { DeadlockError } from './errors/DeadlockError';
export { ThreadWorkerExitError } from './errors/ThreadWorkerExitError';
export { ProcessWorkerExitError } from './errors/ProcessWorkerExitError';
export type { WorkerExit } from './errors/WorkerExit';
export { ClosureVariableError } from './errors/ClosureVariableError';
export { SerializationError } from './errors/SerializationError';
export { QueueConnectionError } from './errors/QueueConnectionError';
export { JobLostError } from './errors/JobLostError';
export { WorkerLostError } from './errors/WorkerLostError';
export { TaskRefusedError } from './errors/TaskRefusedError';
