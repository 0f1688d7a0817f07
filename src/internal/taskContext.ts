import { AsyncLocalStorage } from 'node:async_hooks';
import type { TraceHeaders } from './traceparent';

/** What a running task can learn about itself: its worker's name, its abort signal, its trace context. */
export interface TaskContext {
  readonly workerName: string;
  readonly signal: AbortSignal;
  /** Hands a progress value to the task's future (see `reportProgress`); absent where nothing listens (initializers). */
  reportProgress?(value: unknown): void;
  /** The W3C trace context of the task's span (see `taskTraceContext`); `undefined` for an untraced task. */
  readonly traceContext?: TraceHeaders | undefined;
}

/**
 * The context of the task running in this async flow, for executors that run tasks in this event loop.
 * In Node 20 an enabled AsyncLocalStorage runs a hook on every promise the process creates (it about doubles the
 * cost of a promise), so the storage is enabled only while such tasks run: see {@link enterTaskContext}.
 */
const taskStorage = new AsyncLocalStorage<TaskContext>();

/** Tasks entered with {@link enterTaskContext} and not yet released. */
let holders = 0;
let disableScheduled = false;

/** The context of the task whose synchronous part is running now (executors that do not propagate context). */
let syncContext: TaskContext | undefined;

/** The context of a worker thread or child process: set once by the worker runtime, read by tasks. */
let workerContext: TaskContext | undefined;

/** @internal Called by the worker runtime when a task starts and ends. */
export function setWorkerContext(context: TaskContext | undefined): void {
  workerContext = context;
}

/**
 * @internal Calls `fn(arg)` as a task with `context`, which follows it through every await until the caller calls
 * {@link releaseTaskContext} (exactly once, also when `fn` throws).
 */
export function enterTaskContext<A, R>(context: TaskContext, fn: (arg: A) => R, arg: A): R {
  holders++;
  return taskStorage.run(context, fn, arg);
}

/** @internal The task entered with {@link enterTaskContext} is over; the last one out turns the promise hook off. */
export function releaseTaskContext(): void {
  if (--holders > 0 || disableScheduled) return;
  // Not at once: tasks awaited one after another would turn the hook off and on for each.
  disableScheduled = true;
  setImmediate(() => {
    disableScheduled = false;
    if (holders === 0) taskStorage.disable();
  }).unref();
}

/**
 * Keeps the promise hook of the tasks' context (see `AsyncExecutor`'s `taskContext` option) on from the next task
 * that turns it on until the returned function is called, instead of turning it off each time no task runs. For a
 * process that runs one short task after another on an `AsyncExecutor` (a queue worker taking jobs one at a time):
 * turning the hook on and off around each task costs more than leaving it on. Nothing changes for the tasks. The
 * returned function may be called more than once; only the first call counts.
 *
 * @example
 * ```ts
 * const release = holdTaskContext();
 * const pool = new AsyncExecutor({ maxWorkers: 64 });
 * // ... run tasks for as long as the process serves ...
 * await pool.shutdown();
 * release();
 * ```
 */
export function holdTaskContext(): () => void {
  holders++;
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    releaseTaskContext();
  };
}

/**
 * @internal `true` while the propagating context (and so Node's promise hook) is on: tests check it goes off. Reads
 * the storage's own (undocumented) `enabled` flag where Node has one.
 */
export function taskContextInUse(): boolean {
  return holders > 0 || disableScheduled || (taskStorage as unknown as { enabled?: boolean }).enabled === true;
}

/** @internal Calls `fn(arg)` as a task with `context` visible to its synchronous part only (no promise hook). */
export function runInSyncContext<A, R>(context: TaskContext, fn: (arg: A) => R, arg: A): R {
  const previous = syncContext;
  syncContext = context;
  try {
    return fn(arg);
  } finally {
    syncContext = previous;
  }
}

/** The context of the running task, wherever it runs, or `undefined` outside any task. */
export function currentTaskContext(): TaskContext | undefined {
  return syncContext ?? taskStorage.getStore() ?? workerContext;
}
