import { AsyncLocalStorage } from 'node:async_hooks';

/** What a running task can learn about itself: its worker's name and its abort signal. */
export interface TaskContext {
  readonly workerName: string;
  readonly signal: AbortSignal;
}

/** The context of the task running in this async flow, for executors that run tasks in this event loop. */
export const taskStorage = new AsyncLocalStorage<TaskContext>();

/** The context of a worker thread or child process: set once by the worker runtime, read by tasks. */
let workerContext: TaskContext | undefined;

/** @internal Called by the worker runtime when a task starts and ends. */
export function setWorkerContext(context: TaskContext | undefined): void {
  workerContext = context;
}

/** The context of the running task, wherever it runs, or `undefined` outside any task. */
export function currentTaskContext(): TaskContext | undefined {
  return taskStorage.getStore() ?? workerContext;
}
