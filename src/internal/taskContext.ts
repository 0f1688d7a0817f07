import { AsyncLocalStorage } from 'node:async_hooks';
import { promiseHooks } from 'node:v8';
import { HeldUntilIdle } from './HeldUntilIdle';
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
 * How far a task's context follows it in this event loop: `'promises'` through its awaits and `then` callbacks,
 * `'everywhere'` into every callback it schedules as well, `'sync'` its synchronous part only. (Not stripped from
 * the declarations as internal: SlotRunner's, which are shipped, name it.)
 *
 * @example
 * ```ts
 * const reach: TaskContextReach = taskContext === 'everywhere' ? 'everywhere' : taskContext ? 'promises' : 'sync';
 * ```
 */
export type TaskContextReach = 'sync' | 'promises' | 'everywhere';

/**
 * The context of the task running in this async flow, for executors that run tasks in this event loop, carried by
 * a V8 promise hook (`v8.promiseHooks`) rather than Node's AsyncLocalStorage. In Node 20 an enabled AsyncLocalStorage
 * turns on async_hooks, which runs several JavaScript calls and adds three properties to every promise the process
 * creates (about doubling the cost of a promise); this hook makes one call per promise and marks only the promises
 * made inside a task. A promise made while a task's code runs remembers that task's context ({@link onPromiseMade}),
 * and the reactions run for it (an `await` resuming, a `then` callback) run under it ({@link onReactionStart}): so
 * the context follows a task through its awaits and `then`s, as AsyncLocalStorage's does, and the executor's own
 * promises (made outside any task) stay unmarked. The hook is on only while such tasks run: see {@link enterTaskContext}.
 */
const contextKey = Symbol('rxfutures.taskContext');

/** The context of the task whose code runs now (its synchronous part, or a reaction of one of its promises). */
let current: TaskContext | undefined;

/** The context before the reaction running now started, put back when it ends. */
let outer: TaskContext | undefined;

/** Stops the promise hook; `undefined` while it is off. */
let stopHook: (() => void) | undefined;

function onPromiseMade(promise: Promise<unknown>): void {
  if (current !== undefined) (promise as unknown as Record<symbol, TaskContext>)[contextKey] = current;
}

function onReactionStart(promise: Promise<unknown>): void {
  outer = current;
  current = (promise as unknown as Record<symbol, TaskContext | undefined>)[contextKey];
}

function onReactionEnd(): void {
  current = outer;
  outer = undefined;
}

/** Whether this runtime has V8's promise hooks: `undefined` until first asked (see {@link promiseHooksAvailable}). */
let promiseHooksWork: boolean | undefined;

/**
 * @internal `true` if this runtime runs V8's promise hooks (Node and Deno do; Bun throws "not yet implemented"):
 * where it does not, the `'promises'` reach is carried by AsyncLocalStorage instead, as the `'everywhere'` one.
 */
export function promiseHooksAvailable(): boolean {
  if (promiseHooksWork === undefined) {
    try {
      (promiseHooks.createHook({ init: () => undefined }) as () => void)();
      promiseHooksWork = true;
    } catch {
      promiseHooksWork = false;
    }
  }
  return promiseHooksWork;
}

/** Tasks entered with {@link enterTaskContext} (or holding the hook) and not yet released; the hook goes off after. */
const hookHolders = new HeldUntilIdle(() => {
  stopHook?.();
  stopHook = undefined;
});

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
 * {@link releaseTaskContext} (exactly once, also when `fn` throws). The first task in turns the promise hook on.
 */
export function enterTaskContext<A, R>(context: TaskContext, fn: (arg: A) => R, arg: A): R {
  hookHolders.hold();
  stopHook ??= promiseHooks.createHook({ init: onPromiseMade, before: onReactionStart, after: onReactionEnd }) as () => void;
  const previous = current;
  current = context;
  try {
    // Inside a task that holds the storage (see enterTaskContextEverywhere), its context must not reach this one's
    // callbacks: they run outside it.
    return everywhereHolders.holders > 0 ? everywhere.exit(fn, arg) : fn(arg);
  } finally {
    current = previous;
  }
}

/**
 * The context of tasks entered with {@link enterTaskContextEverywhere}: Node's AsyncLocalStorage, which also reaches
 * timers, `nextTick`, `queueMicrotask`, events and I/O callbacks, at the price of async_hooks on every promise the
 * process creates while such tasks run (enabled only then, as the promise hook).
 */
const everywhere = new AsyncLocalStorage<TaskContext>();

/** Tasks entered with {@link enterTaskContextEverywhere} and not yet released. */
const everywhereHolders = new HeldUntilIdle(() => everywhere.disable());

/**
 * @internal Calls `fn(arg)` as a task with `context` held by AsyncLocalStorage, which follows it into every callback
 * it schedules (timers, `nextTick`, events, I/O), until the caller calls {@link releaseTaskContextEverywhere}
 * (exactly once, also when `fn` throws). A promise-hook context around it (a task that submitted this one) is set
 * aside for the call, so that it does not hide this one.
 */
export function enterTaskContextEverywhere<A, R>(context: TaskContext, fn: (arg: A) => R, arg: A): R {
  everywhereHolders.hold();
  const previous = current;
  current = undefined;
  try {
    return everywhere.run(context, fn, arg);
  } finally {
    current = previous;
  }
}

/** @internal The task entered with {@link enterTaskContextEverywhere} is over; the last one out disables the storage. */
export function releaseTaskContextEverywhere(): void {
  everywhereHolders.release();
}

/** @internal The task entered with {@link enterTaskContext} is over; the last one out turns the promise hook off. */
export function releaseTaskContext(): void {
  hookHolders.release();
}

/**
 * Keeps the promise hook of the tasks' context (see `AsyncExecutor`'s `taskContext` option; not the storage of its
 * `'everywhere'` reach) on from the next task that turns it on until the returned function is called, instead of
 * turning it off each time no task runs. For a process that runs one short task after another on an `AsyncExecutor`
 * (a queue worker taking jobs one at a time): turning the hook on and off around each task costs more than leaving it
 * on. Nothing changes for the tasks. The returned function may be called more than once; only the first call counts.
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
  hookHolders.hold();
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    releaseTaskContext();
  };
}

/**
 * @internal `true` while the propagating context (the promise hook, or the storage of the `'everywhere'` reach) is
 * on: tests check it goes off.
 */
export function taskContextInUse(): boolean {
  return (
    hookHolders.busy ||
    stopHook !== undefined ||
    everywhereHolders.busy ||
    (everywhere as unknown as { enabled?: boolean }).enabled === true
  );
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
  return syncContext ?? current ?? everywhere.getStore() ?? workerContext;
}
