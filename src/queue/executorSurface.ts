/**
 * Everything the queue code takes from the rest of rxfutures, in one place: the public entry (`rxfutures`) and the
 * public extension point (`rxfutures/executor`), nothing else. The queue executor is built as any third-party
 * executor would be.
 */
export {
  AsyncExecutor,
  CancelledError,
  ExecutorShutdownError,
  Future,
  JobLostError,
  ProcessPoolExecutor,
  QueueConnectionError,
  RxFuturesError,
  SerializationError,
  TaskRefusedError,
  ThreadPoolExecutor,
  WorkerLostError,
  moduleTask,
  type AnyFunction,
  type Backoff,
  type ExecutorOptions,
  type MapOptions,
  type ModuleTask,
  type ShutdownOptions,
  type SubmitOptions,
  type Task,
} from '../index';
export {
  ARGUMENT_LISTS,
  Executor,
  ONE_CALL,
  SINGLE_ARGUMENTS,
  WaitingQueue,
  checkInteger,
  checkOptions,
  checkTimeout,
  compileTaskSource,
  describe,
  deserializeError as fromWire,
  inlineSource,
  isModuleTask,
  reportItemProgress,
  serializeError as toWire,
  traceContextOf,
  type ChunkShape,
  withTraceContext,
  WorkItem,
} from '../extension';
