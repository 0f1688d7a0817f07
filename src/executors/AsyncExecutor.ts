import { availableParallelism } from 'node:os';
import type { Future } from '../Future';
import { DeadlockError } from '../errors/DeadlockError';
import { WaitingQueue } from '../internal/WaitingQueue';
import { isThenable } from '../internal/isThenable';
import { nextMicrotask } from '../internal/nextMicrotask';
import { currentTaskContext } from '../internal/taskContext';
import { checkOptions, checkTimeout, describe, keysOf } from '../internal/validate';
import type { WaitGuard } from '../internal/WaitGuard';
import { Executor, type ExecutorOptions } from './Executor';
import { SlotRunner, SlotTask, type Slot } from './SlotRunner';
import { priorityOf, type WorkItem } from './WorkItem';

/**
 * Where a slot's async task reports its end: the two callbacks given to the task's promise, made once per slot rather
 * than once per task. A slot runs one task at a time, so `run` is the task whose promise is pending; a task given up
 * after an abort keeps its TaskEnding, and its slot takes a new one for the next task.
 */
interface TaskEnding {
  run: SlotTask | undefined;
  readonly fulfilled: (value: unknown) => void;
  readonly rejected: (error: unknown) => void;
}

/**
 * Options of {@link AsyncExecutor}.
 *
 * @example
 * ```ts
 * const executor = new AsyncExecutor({ maxWorkers: 16, abortGraceMs: 250, taskContext: false });
 * ```
 */
export interface AsyncExecutorOptions extends ExecutorOptions {
  /**
   * Milliseconds an aborted task keeps its slot while it winds down after its signal fired; after that the slot runs
   * other work (the task's late outcome is ignored). `Infinity` keeps the slot until the task ends. @default 1000
   */
  abortGraceMs?: number;
  /**
   * Whether a task's context follows it through its awaits (and the `then` callbacks it attaches), so that
   * `currentWorkerName()`, `taskSignal()`, `reportProgress()` and deadlock detection work anywhere in the task. It
   * rides on the task's promises through a V8 promise hook, on only while tasks run: one call for every promise the
   * process creates meanwhile (not the several calls and properties of Node 20's AsyncLocalStorage). Callbacks that
   * Node calls later outside promises (timers, `nextTick`, `queueMicrotask`, events, I/O) do not see it: read the
   * value in the task and use it there, or choose `'everywhere'`, which holds the context in Node's
   * AsyncLocalStorage so that those callbacks see it too (in Node 20 that runs async_hooks on every promise the
   * process creates while tasks run, about doubling the cost of a promise). With `false` the context is seen by the
   * synchronous part of a task only (up to its first `await`) and deadlock detection is off, as in Python: choose it
   * for many small promise-heavy tasks that need neither. @default true
   */
  taskContext?: boolean | 'everywhere';
}

const ASYNC_OPTION_KEYS = keysOf<Omit<AsyncExecutorOptions, keyof ExecutorOptions>>({ abortGraceMs: true, taskContext: true });

/**
 * Runs tasks in the current event loop with at most `maxWorkers` running at once, in FIFO order: Node's answer to
 * Python's `ThreadPoolExecutor` for I/O-bound work (downloads, database calls). Tasks are plain functions, sync or
 * async, and may use closures. Arguments are passed by reference, as in a direct call: nothing is copied, so a task
 * that has not started yet sees a change the caller makes to an argument after `submit` (the worker pools copy
 * arguments at submit instead).
 *
 * Beyond Python, a task that waits on a future of its own executor where that wait can never end (every slot is
 * taken by such waits, or the waits form a cycle) gets a {@link DeadlockError} instead of hanging forever.
 *
 * @example
 * ```ts
 * await using executor = new AsyncExecutor({ maxWorkers: 8 });
 * const pages = urls.map((url) => executor.submit(async () => (await fetch(url)).text()));
 * for await (const page of asCompleted(pages)) console.log((await page).length);
 * ```
 * @throws RangeError if `maxWorkers` is not a whole number greater than 0; TypeError for other bad options.
 */
export class AsyncExecutor extends Executor {
  private readonly queue = new WaitingQueue<WorkItem>(priorityOf);
  private readonly idle: Slot[] = [];
  /** Every slot, idle or not (a slot field, not a map of running tasks: nothing to hash per task). */
  private readonly slots: Slot[] = [];
  /** The {@link TaskEnding} each slot's async tasks report to, by slot index (made on a slot's first async task). */
  private readonly endings: (TaskEnding | undefined)[] = [];
  private runningCount = 0;
  private readonly abortGraceMs: number | undefined;
  private readonly runner: SlotRunner;
  private pumpScheduled = false;
  /**
   * What this executor's futures call on an unbounded wait. A separate object, not `implements WaitGuard` on the
   * class: the guard is internal, and a public class that implements an interface whose members are stripped from
   * the declarations fails to type-check in users' projects (`skipLibCheck: false`).
   */
  private readonly waitGuard: WaitGuard<Future<unknown>> = { beginWait: (future) => this.beginWait(future) };

  /** @default maxWorkers `min(32, os.availableParallelism() + 4)`, as Python's thread pool. */
  constructor(options?: AsyncExecutorOptions) {
    super(options, 'AsyncExecutor', Math.min(32, availableParallelism() + 4), ASYNC_OPTION_KEYS);
    const { abortGraceMs, taskContext = true } = checkOptions<AsyncExecutorOptions>('AsyncExecutor', options);
    this.abortGraceMs = checkTimeout('abortGraceMs', abortGraceMs, 1000);
    if (typeof taskContext !== 'boolean' && taskContext !== 'everywhere') {
      throw new TypeError(`taskContext must be true, false or 'everywhere'; received ${describe(taskContext)}`);
    }
    this.runner = new SlotRunner({
      kind: 'AsyncExecutor',
      namePrefix: this.namePrefix,
      initializer: this.initializer,
      initArgs: this.initArgs,
      reach: taskContext === 'everywhere' ? 'everywhere' : taskContext ? 'promises' : 'sync',
    });
  }

  /** Deadlock detection: called when a task starts an unbounded wait on one of this executor's futures. */
  private beginWait(future: Future<unknown>): Error | (() => void) | undefined {
    const run = currentTaskContext();
    if (!(run instanceof SlotTask) || run.owner !== this || run.released) return undefined;
    (run.waits ??= []).push(future);
    if (this.waitCycles(run) || this.allSlotsWaiting()) {
      run.waits.pop();
      return new DeadlockError(
        `deadlock: the task in ${run.slot.name} waits on a future of its own executor that can never run ` +
          `(every one of the ${this.maxWorkers} slots is taken by a task waiting this way, or the waits form a cycle)`,
      );
    }
    return () => {
      const index = run.waits!.indexOf(future);
      if (index >= 0) run.waits!.splice(index, 1);
    };
  }

  protected enqueue(item: WorkItem): void {
    item.future._waitGuard = this.waitGuard;
    this.queue.push(item);
    this.schedulePump();
  }

  protected takePending(): WorkItem[] {
    return this.queue.drain();
  }

  protected runningItems(): Iterable<WorkItem> {
    return this.slots.flatMap((slot) => (slot.run === undefined ? [] : [slot.run.item]));
  }

  protected abortRunning(item: WorkItem, reason: unknown): void {
    const run = this.slots.find((slot) => slot.run?.item === item)?.run;
    if (run === undefined) return;
    run.abort(reason);
    // The task was told; if it has not returned after the grace period, its slot goes back to work without it.
    if (this.abortGraceMs !== undefined) setTimeout(() => this.giveUp(run), this.abortGraceMs).unref();
  }

  /** @internal */
  protected override loadCounts(): Record<string, number> {
    return { queued: this.queue.length, running: this.runningCount };
  }

  protected hasWork(): boolean {
    return this.queue.length > 0 || this.runningCount > 0 || this.runner.initializing > 0;
  }

  private schedulePump(): void {
    if (this.pumpScheduled || (this.idle.length === 0 && this.slots.length >= this.maxWorkers)) return;
    this.pumpScheduled = true;
    nextMicrotask(this.pump);
  }

  /** Hands queued items to idle (or new) slots, a microtask after a submit found one (one function for every pump). */
  private readonly pump = (): void => {
    this.pumpScheduled = false;
    while (this.queue.length > 0) {
      const slot = this.idle.pop() ?? this.newSlot();
      if (slot === undefined) break;
      this.drive(slot);
    }
  };

  private newSlot(): Slot | undefined {
    if (this.slots.length >= this.maxWorkers) return undefined;
    const slot = this.runner.newSlot();
    this.slots.push(slot);
    return slot;
  }

  /** Runs queued items on `slot` until the queue is empty; sync tasks loop here, async ones come back on settle. */
  private drive(slot: Slot): void {
    if (!slot.initialized) {
      this.initialize(slot);
      return;
    }
    for (let item; (item = this.queue.shift()) !== undefined; ) {
      if (!this.startItem(item, slot.name)) continue;
      const run = new SlotTask(this, slot, item);
      slot.run = run;
      this.runningCount++;
      let outcome: unknown;
      try {
        const trace = item.trace;
        outcome = trace === undefined ? this.runner.call(run, item) : trace.run(() => this.runner.call(run, item));
      } catch (error) {
        this.runner.leave();
        this.settle(run, true, error);
        continue;
      }
      if (isThenable(outcome)) {
        // The context is held until the task itself ends, even after an abort freed its slot: a task winding down
        // still sees its aborted signal.
        const ending = (this.endings[slot.index] ??= this.newEnding());
        ending.run = run;
        outcome.then(ending.fulfilled, ending.rejected);
        return;
      }
      this.runner.leave();
      this.settle(run, false, outcome);
    }
    this.idle.push(slot);
    this.checkIdle();
  }

  /** An async task has ended: its context goes, and unless an abort released its slot already, the slot goes on. */
  private ended(run: SlotTask, failed: boolean, value: unknown): void {
    this.runner.leave();
    if (this.settle(run, failed, value)) this.drive(run.slot);
  }

  private newEnding(): TaskEnding {
    const ending: TaskEnding = {
      run: undefined,
      fulfilled: (value) => this.ended(ending.run!, false, value),
      rejected: (error) => this.ended(ending.run!, true, error),
    };
    return ending;
  }

  /** Records a task's outcome; `false` if its slot was already released (the outcome came too late). */
  private settle(run: SlotTask, failed: boolean, value: unknown): boolean {
    if (run.released) return false;
    run.released = true;
    run.slot.run = undefined;
    this.runningCount--;
    this.finishItem(run.item, failed, value);
    return true;
  }

  /** Frees the slot of an aborted task that did not stop within the grace period. */
  private giveUp(run: SlotTask): void {
    if (run.released) return;
    // The late task keeps its TaskEnding (and so its own run); the slot's next task gets a new one.
    this.endings[run.slot.index] = undefined;
    run.released = true;
    run.slot.run = undefined;
    this.runningCount--;
    this.drive(run.slot);
  }

  private initialize(slot: Slot): void {
    this.runner.initialize(
      slot,
      () => this.drive(slot),
      (error) => {
        this.slots.splice(this.slots.indexOf(slot), 1);
        this.breakExecutor(error);
        this.checkIdle();
      },
    );
  }

  /** `true` if the waits of `run` lead back to `run` through running tasks of this executor. */
  private waitCycles(run: SlotTask): boolean {
    const stack = [...(run.waits ?? [])];
    const seen = new Set<Future<unknown>>();
    for (let future; (future = stack.pop()) !== undefined; ) {
      if (future === run.item.future || future === run.item.retry?.future) return true;
      if (seen.has(future)) continue;
      seen.add(future);
      const holder = this.slots.find((slot) => slot.run?.item.future === future || slot.run?.item.retry?.future === future)?.run;
      if (holder?.waits !== undefined) stack.push(...holder.waits);
    }
    return false;
  }

  /** `true` if every slot is held by a task that waits on a future of this executor: none of them can proceed. */
  private allSlotsWaiting(): boolean {
    if (this.runningCount < this.maxWorkers) return false;
    for (const slot of this.slots) if (slot.run !== undefined && !slot.run.waits?.length) return false;
    return true;
  }
}
