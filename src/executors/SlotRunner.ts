import { BrokenThreadPool } from '../errors/BrokenThreadPool';
import type { Future } from '../Future';
import {
  enterTaskContext,
  enterTaskContextEverywhere,
  promiseHooksAvailable,
  releaseTaskContext,
  releaseTaskContextEverywhere,
  runInSyncContext,
  type TaskContext,
  type TaskContextReach,
} from '../internal/taskContext';
import { traceHeadersOf, type TraceHeaders } from '../internal/traceparent';
import { callTask, invokeItem } from '../tasks/invokeItem';
import type { Task } from '../tasks/Task';
import { reportItemProgress, type WorkItem } from './WorkItem';

/** One event-loop slot of an in-loop executor: Python's worker thread, without the thread. */
export interface Slot {
  readonly name: string;
  /** The slot's number, unique within its executor (its name ends with it): for per-slot tables. */
  readonly index: number;
  /** The initializer has run in it (or the executor has none). */
  initialized: boolean;
  /** The task it runs, until that task settles or its slot is released after an abort (AsyncExecutor's use). */
  run: SlotTask | undefined;
}

/**
 * A task holding a slot, and its context: what `currentWorkerName()` and `taskSignal()` read while it runs.
 * `released` is set once the slot is free again (the task settled, or was given up after an abort); a late outcome
 * is then ignored. One class for both in-loop executors, with the fields of AsyncExecutor's deadlock detection
 * (a subclass would cost every task a second constructor).
 */
export class SlotTask implements TaskContext {
  released = false;
  /** Futures of the same executor this task is waiting on (a multiset: one entry per wait); made on first wait. */
  waits: Future<unknown>[] | undefined = undefined;
  private controller: AbortController | undefined = undefined;

  constructor(
    /** The executor running it. */
    readonly owner: object,
    readonly slot: Slot,
    readonly item: WorkItem,
  ) {}

  get workerName(): string {
    return this.slot.name;
  }

  get signal(): AbortSignal {
    return (this.controller ??= new AbortController()).signal;
  }

  /** `taskTraceContext()` in the task: its span's, when it is traced. */
  get traceContext(): TraceHeaders | undefined {
    const trace = this.item.trace;
    return trace === undefined ? undefined : traceHeadersOf(trace.wireContext());
  }

  /** `reportProgress()` in the task: to its future, until its slot is released. */
  reportProgress(value: unknown): void {
    if (!this.released) reportItemProgress(this.item, value);
  }

  /** Aborts the task's signal with `reason`. */
  abort(reason: unknown): void {
    (this.controller ??= new AbortController()).abort(reason);
  }
}

/** What a {@link SlotRunner} needs to know about its executor. */
export interface SlotRunnerOptions {
  /** The executor's class name, for the error its failed initializer breaks it with. */
  readonly kind: string;
  /** Slots are named `<namePrefix>_<n>`. */
  readonly namePrefix: string;
  readonly initializer: Task<unknown[], unknown> | undefined;
  readonly initArgs: readonly unknown[];
  /**
   * How far a task's context follows it (see AsyncExecutor's `taskContext` option): `'promises'` through its awaits
   * and `then` callbacks (a promise hook), `'everywhere'` into every callback it schedules as well
   * (AsyncLocalStorage), `'sync'` its synchronous part only.
   */
  readonly reach: TaskContextReach;
}

/** How a task is entered with a context of each reach, and released once it has ended (nothing to release: sync). */
const CONTEXT_ENTRIES: Record<
  TaskContextReach,
  { enter: <A, R>(context: TaskContext, fn: (arg: A) => R, arg: A) => R; release: (() => void) | undefined }
> = {
  promises: { enter: enterTaskContext, release: releaseTaskContext },
  everywhere: { enter: enterTaskContextEverywhere, release: releaseTaskContextEverywhere },
  sync: { enter: runInSyncContext, release: undefined },
};

/**
 * Runs tasks and initializers in this event loop, in named slots: the part the two in-loop executors share
 * (AsyncExecutor, and the testing SchedulerExecutor, which adds a scheduler step before every start and finish). It
 * names slots, runs the initializer once per slot, and calls a work item's task under its context; the executor owns
 * its queue and decides when a slot takes the next task and when an outcome is delivered.
 *
 * A call made with {@link SlotRunner.call} (or a thrown error from it) must be followed by exactly one
 * {@link SlotRunner.leave}, once the task has ended: at once for a value or a throw, on settlement for a promise.
 */
export class SlotRunner {
  /** Slots running their initializer now: work under way, which keeps a shutdown waiting. */
  initializing = 0;
  private named = 0;
  /** Calls `fn(arg)` as a task with a context that reaches as far as the options say. */
  private readonly enter: <A, R>(context: TaskContext, fn: (arg: A) => R, arg: A) => R;
  /** Ends what `enter` began, once the task has ended; `undefined` for the synchronous part only. */
  private readonly release: (() => void) | undefined;

  constructor(private readonly options: SlotRunnerOptions) {
    // Where V8's promise hooks are missing (Bun), the storage carries the context through awaits as well.
    const reach = options.reach === 'promises' && !promiseHooksAvailable() ? 'everywhere' : options.reach;
    ({ enter: this.enter, release: this.release } = CONTEXT_ENTRIES[reach]);
  }

  /** A new slot; it must be initialized first if the executor has an initializer. */
  newSlot(): Slot {
    const index = this.named++;
    return { name: `${this.options.namePrefix}_${index}`, index, initialized: this.options.initializer === undefined, run: undefined };
  }

  /**
   * Runs the initializer in `slot` (under a context naming the slot), then calls `ready()` with the slot marked
   * initialized, or `failed(error)` with the {@link BrokenThreadPool} the executor breaks with, in Python's words.
   */
  initialize(slot: Slot, ready: () => void, failed: (error: BrokenThreadPool) => void): void {
    this.initializing++;
    const context: TaskContext = { workerName: slot.name, signal: new AbortController().signal };
    const init = this.options.initializer as Task<unknown[], unknown>;
    const args = this.options.initArgs as unknown[];
    new Promise((resolve) => resolve(this.enter(context, (initArgs) => callTask(init, initArgs), args)))
      .finally(() => this.leave())
      .then(
        () => {
          this.initializing--;
          slot.initialized = true;
          ready();
        },
        (error: unknown) => {
          this.initializing--;
          const message = `A thread initializer failed, the ${this.options.kind} is not usable anymore`;
          failed(new BrokenThreadPool(message, { cause: error }));
        },
      );
  }

  /** Calls `item`'s task (one call, or a chunk's calls in order) under `context`: its value, a thenable, or a throw. */
  call(context: TaskContext, item: WorkItem): unknown {
    return this.enter(context, invokeItem, item);
  }

  /** A call made with {@link SlotRunner.call} has ended (returned, threw, or its promise settled). */
  leave(): void {
    this.release?.();
  }
}
