/**
 * Everything the queue code takes from the rest of rxfutures, in one place. The queue layer sits on top of the
 * library and imports nothing else from `src/`, so when the public extension point (`rxfutures/executor`) lands,
 * switching to it is a change to this file alone.
 */
export { Executor, type ExecutorOptions, type MapOptions, type ShutdownOptions, type SubmitOptions } from '../executors/Executor';
export { WorkItem } from '../executors/WorkItem';
export { ARGUMENT_LISTS, ONE_CALL, SINGLE_ARGUMENTS, type ChunkShape } from '../tasks/callShapes';
export { Future } from '../Future';
export { AsyncExecutor } from '../executors/AsyncExecutor';
export { ThreadPoolExecutor } from '../executors/ThreadPoolExecutor';
export { ProcessPoolExecutor } from '../executors/ProcessPoolExecutor';

export { RxFuturesError } from '../errors/RxFuturesError';
export { CancelledError } from '../errors/CancelledError';
export { ExecutorShutdownError } from '../errors/ExecutorShutdownError';
export { SerializationError } from '../errors/SerializationError';
export { QueueConnectionError } from '../errors/QueueConnectionError';
export { JobLostError } from '../errors/JobLostError';
export { WorkerLostError } from '../errors/WorkerLostError';
export { TaskRefusedError } from '../errors/TaskRefusedError';

export { moduleTask, isModuleTask, type ModuleTask, type AnyFunction } from '../tasks/moduleTask';
export type { Task } from '../tasks/Task';
export { inlineSource } from '../tasks/inlineSource';
export { compileInlineTask } from '../tasks/compileInlineTask';
export { findHelpers } from '../tasks/findHelpers';
export type { InlineDetails } from '../tasks/InlineDetails';
export { toWire, fromWire } from '../tasks/errorWire';
export { Deque } from '../internal/Deque';
export { WaitingQueue } from '../internal/WaitingQueue';
export { checkInteger, checkOptions, checkTimeout, describe } from '../internal/validate';
