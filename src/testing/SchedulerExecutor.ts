import type { Future } from '../Future';
import { BrokenThreadPool } from '../errors/BrokenThreadPool';
import { Executor, type ExecutorOptions } from '../executors/Executor';
import { SlotRunner, SlotTask, type Slot } from '../executors/SlotRunner';
import { priorityOf, type WorkItem } from '../executors/WorkItem';
import { WaitingQueue } from '../internal/WaitingQueue';
import { checkOptions, describe, keysOf } from '../internal/validate';
import type { TaskRecord } from './TaskRecord';
import type { TaskScheduler } from './TaskScheduler';

/** Options of {@link SchedulerExecutor}. */
export interface SchedulerExecutorOptions extends ExecutorOptions {
  /** Decides when each task starts and finishes: `fc.scheduler()`, or any {@link TaskScheduler}. Required. */
  scheduler: TaskScheduler;
}

const SCHEDULER_OPTION_KEYS = keysOf<Omit<SchedulerExecutorOptions, keyof ExecutorOptions>>({ scheduler: true });

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A deterministic executor for property tests: every task starts and finishes only when a scheduler says so, so a
 * fast-check property explores the interleavings of your pipeline (submissions, completions, cancellations,
 * unsubscriptions) instead of the one your machine happens to produce.
 *
 * It is a full {@link Executor} with AsyncExecutor's semantics (FIFO queue, by priority first, at most `maxWorkers` tasks running,
 * sync or async functions, closures, `currentWorkerName()` and `taskSignal()` inside tasks), so code written
 * against AsyncExecutor runs on it unchanged. Two kinds of steps go through the scheduler, each with a readable
 * label that fast-check prints in a counterexample:
 * - `start`: a free slot takes the first queued task (by priority, then age) that is still pending (a cancelled one is skipped, never run);
 * - `finish <call>`: a task whose function has returned (or whose promise has settled) settles its future.
 *
 * Everything else is immediate: `cancel()` of a queued future, `shutdown({ cancelFutures })`, aborting a running task
 * (its future fails at once, its slot is freed, its late outcome is ignored). Per-task `timeout`s and
 * `shutdown({ timeout })` use real timers, so leave them out of properties that must replay exactly.
 *
 * The executor keeps a {@link TaskRecord} per task in {@link SchedulerExecutor.records}; the helpers
 * `assertExecutorInvariants`, `assertSettledExactlyOnce` and `assertNoTaskRanAfterCancel` check them.
 *
 * Drive the scheduler until your pipeline is done, for instance `await s.waitFor(promise)` or `await s.waitIdle()`;
 * `shutdown()` resolves only once queued work has run, so wait for it through the scheduler as well.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { SchedulerExecutor, assertExecutorInvariants } from 'rxfutures/testing';
 *
 * await fc.assert(fc.asyncProperty(fc.scheduler(), fc.array(fc.integer()), async (s, xs) => {
 *   const executor = new SchedulerExecutor({ scheduler: s, maxWorkers: 2 });
 *   const results = s.waitFor(lastValueFrom(executor.map(async (x: number) => x * 2, xs).pipe(toArray())));
 *   expect(await results).toEqual(xs.map((x) => x * 2));
 *   await s.waitFor(executor.shutdown());
 *   assertExecutorInvariants(executor);
 * }));
 * ```
 * @throws TypeError if `scheduler` is missing or has no `schedule` function; as {@link Executor} for `maxWorkers`.
 */
export class SchedulerExecutor extends Executor {
  /** The scheduler that decides when tasks start and finish. */
  readonly scheduler: TaskScheduler;
  private readonly queue = new WaitingQueue<WorkItem>(priorityOf);
  private readonly running = new Map<Future<unknown>, SlotTask>();
  private readonly idle: Slot[] = [];
  private readonly log: Array<Writable<TaskRecord>> = [];
  private readonly recordOf = new Map<Future<unknown>, Writable<TaskRecord>>();
  private readonly runner: SlotRunner;
  /** Start steps asked of the scheduler and not yet taken; each holds a slot. */
  private reserved = 0;
  private time = 0;

  /** @default maxWorkers 4 (a fixed number, so a property behaves the same on every machine) */
  constructor(options: SchedulerExecutorOptions) {
    super(options, 'SchedulerExecutor', 4, SCHEDULER_OPTION_KEYS);
    const { scheduler } = checkOptions<SchedulerExecutorOptions>('SchedulerExecutor', options);
    if (typeof scheduler?.schedule !== 'function') {
      throw new TypeError(
        `scheduler must be an object with a schedule(promise, label) method, such as fc.scheduler(); received ${describe(scheduler)}`,
      );
    }
    this.scheduler = scheduler;
    this.runner = new SlotRunner({
      kind: 'SchedulerExecutor',
      namePrefix: this.namePrefix,
      initializer: this.initializer,
      initArgs: this.initArgs,
      reach: 'promises',
    });
  }

  /** One record per task submitted so far, in submission order. */
  get records(): readonly TaskRecord[] {
    return this.log;
  }

  /** The logical clock: how many events (submitted, started, settled) the executor has seen. */
  get clock(): number {
    return this.time;
  }

  protected enqueue(item: WorkItem): void {
    const record: Writable<TaskRecord> = {
      id: this.log.length,
      label: callLabel(item),
      future: item.future,
      submittedAt: this.time++,
      startedAt: undefined,
      settledAt: undefined,
      settleCount: 0,
      concurrency: undefined,
    };
    this.log.push(record);
    this.recordOf.set(item.future, record);
    item.future.addDoneCallback(() => {
      record.settleCount++;
      record.settledAt = this.time++;
    });
    this.queue.push(item);
    this.pump();
  }

  protected takePending(): WorkItem[] {
    return this.queue.drain();
  }

  protected runningItems(): Iterable<WorkItem> {
    return [...this.running.values()].map((run) => run.item);
  }

  /** @internal */
  protected override loadCounts(): Record<string, number> {
    return { queued: this.queue.length, running: this.running.size };
  }

  protected abortRunning(item: WorkItem, reason: unknown): void {
    const run = this.running.get(item.future);
    if (run === undefined) return;
    run.abort(reason);
    this.freeSlot(run);
  }

  protected hasWork(): boolean {
    return this.queue.length > 0 || this.running.size > 0 || this.runner.initializing > 0;
  }

  /** Asks the scheduler for one start step per free slot while queued tasks outnumber the steps already asked for. */
  private pump(): void {
    const { runner } = this;
    while (this.queue.length > this.reserved && this.running.size + this.reserved + runner.initializing < this.maxWorkers) {
      this.reserved++;
      this.scheduler.schedule(Promise.resolve(), `${this.namePrefix} start`).then(
        () => this.startNext(),
        (error: unknown) => this.schedulerFailed(error),
      );
    }
  }

  /** A start step: a slot (initialized first if need be) takes the oldest queued task that is still pending. */
  private startNext(): void {
    this.reserved--;
    if (this.queue.length === 0 || this.isBroken) {
      // Cancelled by shutdown({ cancelFutures }) or failed by a broken initializer while the step waited: no work.
      this.checkIdle();
      return;
    }
    const slot = this.idle.pop() ?? this.runner.newSlot();
    if (!slot.initialized) {
      this.initialize(slot);
      return;
    }
    this.takeNext(slot);
  }

  private takeNext(slot: Slot): void {
    for (let item; (item = this.queue.shift()) !== undefined; ) {
      if (this.startItem(item, slot.name)) {
        this.run(item, slot);
        return;
      }
    }
    this.idle.push(slot);
    this.checkIdle();
  }

  private run(item: WorkItem, slot: Slot): void {
    const run = new SlotTask(this, slot, item);
    this.running.set(item.future, run);
    const record = this.recordOf.get(item.future);
    if (record !== undefined) {
      record.startedAt = this.time++;
      record.concurrency = this.running.size;
    }
    let outcome: Promise<unknown>;
    try {
      outcome = Promise.resolve(this.runner.call(run, item));
    } catch (error) {
      outcome = Promise.reject(error);
    }
    const leave = () => this.runner.leave();
    outcome.then(leave, leave);
    const label = `${this.namePrefix} finish ${callLabel(item)}`;
    outcome
      .then(
        (value) => ({ failed: false, value }),
        (error: unknown) => ({ failed: true, value: error }),
      )
      .then((result) => {
        // The handler sits directly on the scheduler's promise, so the future is settled before whoever drives the
        // scheduler (`await s.waitOne()`) resumes.
        this.scheduler.schedule(Promise.resolve(result), label).then(
          ({ failed, value }) => this.finish(run, failed, value),
          (error: unknown) => this.schedulerFailed(error),
        );
      });
  }

  private finish(run: SlotTask, failed: boolean, value: unknown): void {
    if (run.released) return;
    this.finishItem(run.item, failed, value);
    this.freeSlot(run);
  }

  /** Frees the slot of a task that finished or was aborted, and lets the next queued task ask for a start. */
  private freeSlot(run: SlotTask): void {
    if (run.released) return;
    run.released = true;
    this.running.delete(run.item.future);
    this.idle.push(run.slot);
    this.pump();
    this.checkIdle();
  }

  private initialize(slot: Slot): void {
    this.runner.initialize(
      slot,
      () => this.takeNext(slot),
      (error) => {
        this.breakExecutor(error);
        this.checkIdle();
      },
    );
  }

  /** A scheduler that rejects a step breaks the executor: nothing it holds could ever settle otherwise. */
  private schedulerFailed(error: unknown): void {
    this.breakExecutor(new BrokenThreadPool('the scheduler rejected a step of the SchedulerExecutor', { cause: error }));
    for (const run of [...this.running.values()]) {
      this.finishItem(run.item, true, this.brokenError());
      this.freeSlot(run);
    }
    this.reserved = 0;
    this.checkIdle();
  }
}

/** `name(arg, ...)` for a call, `name×n` for a chunk of `map`. */
function callLabel(item: WorkItem): string {
  const fn = item.fn;
  const name = typeof fn === 'function' ? fn.name || 'anonymous' : `${fn.url.slice(fn.url.lastIndexOf('/') + 1)}#${fn.exportName}`;
  if (item.chunk) return `${name}×${item.args.length}`;
  return `${name}(${item.args.map(describe).join(', ')})`;
}
