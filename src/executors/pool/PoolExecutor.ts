import { availableParallelism } from 'node:os';
import type { TransferListItem } from 'node:worker_threads';
import type { BrokenExecutor } from '../../errors/BrokenExecutor';
import { SerializationError } from '../../errors/SerializationError';
import { Deque } from '../../internal/Deque';
import { checkInteger, checkOptions, checkTimeout, describe } from '../../internal/validate';
import { fromWire, toWire } from '../../tasks/errorWire';
import { TaskRegistry } from '../../tasks/TaskRegistry';
import { ABORT, CHUNK, CHUNK_OF_ONE, INIT, PLAIN, READY, RESULTS, RUN, TASK_FIELDS, type Definitions, type FromWorker } from '../../worker/protocol';
import { Executor, type ExecutorOptions } from '../Executor';
import type { WorkItem } from '../WorkItem';
import { describeExit } from './describeExit';
import { PoolStats, type PoolEvent } from './PoolStats';
import { PoolWorker, type WorkerEvents, type WorkerHandle } from './PoolWorker';

/** Options every worker pool takes. */
export interface PoolOptions extends ExecutorOptions {
  /** Replace a worker after it has taken this many tasks (Python 3.11's `max_tasks_per_child`). @default no limit */
  maxTasksPerChild?: number;
  /** Milliseconds an idle worker waits for work before it exits (a new one starts when work comes). @default never */
  idleTimeout?: number;
  /**
   * What a worker dying while it holds tasks does: `'break'` breaks the pool as Python does (every pending and running
   * future fails with the pool's Broken* error, later submissions throw); `'respawn'` fails only that worker's tasks
   * with a WorkerExitError and starts a fresh worker. @default 'break'
   */
  onWorkerExit?: 'break' | 'respawn';
  /**
   * Milliseconds an aborted or timed-out running task has to finish after its `taskSignal()` fires; then its worker is
   * killed and replaced (only that task fails). @default 1000
   */
  abortGraceMs?: number;
}

/** Most tasks a worker holds (and gets in one message) when the queue is deep and tasks are quick. */
const BATCH = 64;
/** Answers faster than this per task (ms) let a worker hold more tasks; slower ones bring it back to one. */
const QUICK_MS = 1;

const shared = new TaskRegistry();

/** The error classes and wording a pool kind breaks with. */
export interface PoolFaults {
  /** `'thread'` or `'process'`, as in Python's messages. */
  readonly noun: string;
  readonly Broken: new (message: string, options?: ErrorOptions) => BrokenExecutor;
  readonly ExitError: new (message: string, options?: ErrorOptions) => BrokenExecutor & WorkerExitFields;
}

/** The fields both worker exit errors carry. */
export interface WorkerExitFields {
  exitCode: number | null;
  signal: string | null;
  workerName: string;
}

/** Facts about a worker's end, for error messages. */
export interface WorkerExit {
  readonly workerName: string;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly cause: unknown;
}

/**
 * The worker-pool core shared by {@link ThreadPoolExecutor} and {@link ProcessPoolExecutor}: the queue, dispatch in
 * batches with a small prefetch per worker, the worker lifecycle (lazy start, initializer, task limit, idle exit,
 * unref when idle), faults (a crash breaks the pool in one place, or respawns), aborts and shutdown. A subclass
 * supplies only the transport (`startWorker`) and its error classes.
 *
 * @example
 * ```ts
 * class MyPool extends PoolExecutor {
 *   protected startWorker(name: string, events: WorkerEvents): WorkerHandle { ... }
 *   ...
 * }
 * ```
 */
export abstract class PoolExecutor extends Executor {
  private readonly queue = new Deque<WorkItem>();
  /** Started tasks whose worker was killed before it reached them (a neighbour was aborted): they go first. */
  private readonly restart = new Deque<WorkItem>();
  private readonly workers = new Set<PoolWorker>();
  private readonly registry = shared;
  private readonly initializerId: number;
  private readonly maxTasksPerChild: number | undefined;
  private readonly idleTimeout: number | undefined;
  private readonly respawn: boolean;
  private readonly abortGraceMs: number;
  private readonly stats: PoolStats;
  private spawned = 0;
  private pumpScheduled = false;
  private onClosed: (() => void) | undefined;

  protected constructor(options: PoolOptions | undefined, kind: string) {
    super(options, kind, availableParallelism());
    const opts = checkOptions<PoolOptions>(`${kind} options`, options);
    this.maxTasksPerChild = checkInteger('maxTasksPerChild', opts.maxTasksPerChild, 1);
    this.idleTimeout = checkTimeout('idleTimeout', opts.idleTimeout);
    this.abortGraceMs = checkTimeout('abortGraceMs', opts.abortGraceMs ?? 1000) ?? 1000;
    if (opts.onWorkerExit !== undefined && opts.onWorkerExit !== 'break' && opts.onWorkerExit !== 'respawn') {
      throw new TypeError(`onWorkerExit must be 'break' or 'respawn'; received ${describe(opts.onWorkerExit)}`);
    }
    this.respawn = opts.onWorkerExit === 'respawn';
    this.initializerId = this.initializer === undefined ? -1 : this.registry.idOf(this.initializer);
    this.stats = new PoolStats(() => this.snapshotCounts());
  }

  /**
   * Pool events and statistics as an Observable: one event when a worker starts or exits and when a task is queued,
   * starts or ends, each with a snapshot of the pool (queued, running, workers, idle workers, completed, failed, and
   * wait and run time summaries in milliseconds). Costs nothing while nobody subscribes.
   *
   * @example
   * ```ts
   * pool.events.subscribe((event) => console.log(event.type, event.stats.running, event.stats.runTime.mean));
   * ```
   */
  get events() {
    return this.stats.events;
  }

  // ---- transport ------------------------------------------------------------------------------------------------

  /** Starts a thread or process running the worker runtime; events arrive through `events`. */
  protected abstract startWorker(name: string, events: WorkerEvents): WorkerHandle;
  /** The error classes and wording of this pool kind. */
  protected abstract readonly faults: PoolFaults;

  /** The error that breaks the pool when a worker dies or fails to start (Python's wording). */
  private crashError(exit: WorkerExit, initializerFailed: boolean): BrokenExecutor {
    const { Broken, noun } = this.faults;
    if (initializerFailed) {
      return new Broken(`A ${noun} initializer failed, the ${noun} pool is not usable anymore`, { cause: exit.cause });
    }
    return new Broken(
      `A ${noun} in the ${noun} pool was terminated abruptly while the future was running or pending (${describeExit(exit)}).`,
      { cause: exit.cause },
    );
  }

  /** The error of each task a dying worker held, in `'respawn'` mode. */
  private exitError(exit: WorkerExit): BrokenExecutor {
    const { ExitError, noun } = this.faults;
    const message = `the ${noun} running this task died (${describeExit(exit)}); a fresh one replaces it`;
    const error = new ExitError(message, { cause: exit.cause });
    error.exitCode = exit.exitCode;
    error.signal = exit.signal;
    error.workerName = exit.workerName;
    return error;
  }

  // ---- Executor hooks -------------------------------------------------------------------------------------------

  protected enqueue(item: WorkItem): void {
    this.queue.push(item);
    if (this.stats.observed) this.stats.queued(item);
    this.schedulePump();
  }

  protected takePending(): WorkItem[] {
    const pending = this.queue.drain();
    // A shutdown waiting on these (e.g. shutdown() then shutdown({ cancelFutures })) may now be complete.
    this.checkClosed();
    return pending;
  }

  protected *runningItems(): Iterable<WorkItem> {
    for (let i = 0; i < this.restart.length; i++) yield this.restart.at(i)!;
    for (const worker of this.workers) for (let i = 0; i < worker.inflight.length; i++) yield worker.inflight.at(i)!;
  }

  protected abortRunning(item: WorkItem, reason: unknown): void {
    for (const worker of this.workers) {
      const position = worker.inflight.indexOf(item);
      if (position < 0) continue;
      try {
        worker.handle.send([ABORT, worker.answered + position, toWire(reason)]);
      } catch {
        // The reason could not be sent; the task still sees its signal abort, with a generic reason.
        worker.handle.send([ABORT, worker.answered + position, null]);
      }
      setTimeout(() => this.enforceAbort(worker, item), this.abortGraceMs).unref();
      return;
    }
  }

  protected close(): Promise<void> {
    return new Promise((resolve) => {
      this.onClosed = resolve;
      this.checkClosed();
    });
  }

  // ---- dispatch -------------------------------------------------------------------------------------------------

  /** Dispatches at the end of the current job, so a burst of submissions travels in few messages. */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    queueMicrotask(() => this.pump());
  }

  private pump(): void {
    this.pumpScheduled = false;
    if (this.isBroken) return;
    let waiting = this.restart.length + this.queue.length;
    if (waiting === 0) return;
    // Idle workers first, sharing the backlog; then start workers if tasks still wait; then prefetch.
    for (const worker of this.workers) {
      if (waiting === 0) return;
      if (!isIdle(worker)) continue;
      waiting -= this.dispatch(worker, Math.min(worker.window, Math.ceil(waiting / this.workers.size)));
    }
    let starting = 0;
    for (const worker of this.workers) if (!worker.ready && !worker.expectedExit) starting++;
    for (; waiting > starting && this.workers.size < this.maxWorkers; starting++) this.spawn();
    for (const worker of this.workers) {
      if (waiting === 0) return;
      if (!worker.ready || worker.retiring || worker.exclusive) continue;
      const room = worker.window - worker.inflight.length;
      if (room > 0) waiting -= this.dispatch(worker, room);
    }
    // Tasks that could not be sent (or were cancelled) may have left a worker idle while others wait: go again.
    if (waiting > 0) for (const worker of this.workers) if (isIdle(worker)) return this.schedulePump();
  }

  /** Sends up to `count` tasks to `worker` in one message; returns how many left the queues. */
  private dispatch(worker: PoolWorker, count: number): number {
    if (this.maxTasksPerChild !== undefined) count = Math.min(count, this.maxTasksPerChild - worker.taken);
    const items: WorkItem[] = [];
    let removed = 0;
    while (items.length < count) {
      const fromRestart = this.restart.length > 0;
      const item = fromRestart ? this.restart.at(0)! : this.queue.at(0);
      if (item === undefined) break;
      // A task that may be killed runs alone, so killing its worker harms no neighbour.
      const killable = isKillable(item);
      if (killable && (worker.inflight.length > 0 || items.length > 0)) break;
      (fromRestart ? this.restart : this.queue).shift();
      removed++;
      if (fromRestart ? item.future.done() : !this.startItem(item)) continue;
      items.push(item);
      if (killable) {
        worker.exclusive = true;
        break;
      }
    }
    if (items.length > 0) this.send(worker, items);
    return removed;
  }

  private send(worker: PoolWorker, items: WorkItem[]): void {
    const tasks: unknown[] = [];
    let definitions: Definitions | null = null;
    let transfer: TransferListItem[] | undefined;
    for (const item of items) {
      let id: number;
      try {
        id = this.registry.idOf(item.fn);
      } catch (error) {
        this.finishItem(item, true, error);
        continue;
      }
      if (!worker.known.has(id)) {
        (definitions ??= []).push(id, this.registry.definition(id));
        worker.known.add(id);
      }
      if (item.chunk) pushChunk(tasks, id, item.args as unknown[][]);
      else tasks.push(id, PLAIN, item.args);
      if (item.options?.transfer !== undefined) (transfer ??= []).push(...item.options.transfer);
    }
    const sent = items.filter((item) => !item.future.done());
    try {
      worker.handle.send([RUN, definitions, tasks], transfer);
    } catch {
      this.sendOneByOne(worker, sent, definitions, tasks);
      return;
    }
    this.accepted(worker, sent);
  }

  /** A batch could not be cloned: send its tasks one by one and fail only those that cannot be sent. */
  private sendOneByOne(worker: PoolWorker, items: WorkItem[], definitions: Definitions | null, tasks: unknown[]): void {
    for (let i = 0; i < (definitions?.length ?? 0); i += 2) worker.known.delete(definitions![i] as number);
    items.forEach((item, index) => {
      const id = tasks[index * TASK_FIELDS] as number;
      const defs: Definitions | null = worker.known.has(id) ? null : [id, this.registry.definition(id)];
      try {
        const slice = tasks.slice(index * TASK_FIELDS, (index + 1) * TASK_FIELDS);
        worker.handle.send([RUN, defs, slice], item.options?.transfer as TransferListItem[] | undefined);
      } catch (error) {
        const reason = new SerializationError(
          `the task's arguments cannot be sent to the worker: ${(error as Error)?.message ?? String(error)}`,
          { cause: error },
        );
        this.finishItem(item, true, reason);
        if (isKillable(item)) worker.exclusive = false;
        return;
      }
      worker.known.add(id);
      this.accepted(worker, [item]);
    });
  }

  private accepted(worker: PoolWorker, items: WorkItem[]): void {
    if (items.length === 0) return;
    if (worker.inflight.length === 0) {
      this.busy(worker);
      worker.mark = performance.now();
    }
    for (const item of items) worker.inflight.push(item);
    worker.taken += items.length;
    if (this.maxTasksPerChild !== undefined && worker.taken >= this.maxTasksPerChild) worker.retiring = true;
    if (this.stats.observed) for (const item of items) this.stats.started(item);
  }

  // ---- messages from workers ------------------------------------------------------------------------------------

  private receive(worker: PoolWorker, message: FromWorker): void {
    if (message[0] === RESULTS) this.settle(worker, message[1]);
    else if (message[0] === READY) this.onReady(worker, message[1]);
  }

  private settle(worker: PoolWorker, outcomes: unknown[]): void {
    const now = performance.now();
    const quick = now - worker.mark < (QUICK_MS * outcomes.length) / 2;
    worker.window = quick ? Math.min(BATCH, worker.window * 2) : 1;
    worker.mark = now;
    for (let i = 0; i < outcomes.length; i += 2) {
      const item = worker.inflight.shift();
      if (item === undefined) break;
      worker.answered++;
      const failed = outcomes[i] === 0;
      if (this.stats.observed) this.stats.finished(item, failed);
      else this.stats.count(failed);
      this.finishItem(item, failed, failed ? fromWire(outcomes[i + 1]) : outcomes[i + 1]);
    }
    if (worker.inflight.length === 0) worker.exclusive = false;
    this.pump();
    if (worker.inflight.length === 0) this.idle(worker);
  }

  private onReady(worker: PoolWorker, failure: [unknown] | null): void {
    if (failure !== null) {
      const exit = { workerName: worker.name, exitCode: null, signal: null, cause: fromWire(failure[0]) };
      this.breakPool(this.crashError(exit, true));
      return;
    }
    worker.ready = true;
    this.stats.emit('workerReady', worker.name);
    this.pump();
    if (worker.inflight.length === 0) this.idle(worker);
  }

  // ---- worker lifecycle -----------------------------------------------------------------------------------------

  private spawn(): void {
    const worker = new PoolWorker(`${this.namePrefix}_${this.spawned++}`);
    this.workers.add(worker);
    try {
      worker.handle = this.startWorker(worker.name, {
        message: (message) => this.receive(worker, message),
        error: (error) => (worker.lastError = error),
        exit: (code, signal) => this.onExit(worker, code, signal),
      });
      const definitions: Definitions | null =
        this.initializerId < 0 ? null : [this.initializerId, this.registry.definition(this.initializerId)];
      worker.handle.send([INIT, worker.name, this.initializerId, this.initArgs as unknown[], definitions]);
    } catch (error) {
      this.workers.delete(worker);
      worker.handle?.kill();
      const exit = { workerName: worker.name, exitCode: null, signal: null, cause: error };
      this.breakPool(this.crashError(exit, this.initializerId >= 0));
      return;
    }
    if (this.initializerId >= 0) worker.known.add(this.initializerId);
    this.stats.emit('workerStart', worker.name);
  }

  /** The worker has nothing to do: retire it, or let the program exit while it waits. */
  private idle(worker: PoolWorker): void {
    if (worker.retiring || this.onClosed !== undefined) {
      this.checkClosed();
      if (worker.retiring) this.stop(worker);
      return;
    }
    if (worker.referenced) {
      worker.referenced = false;
      worker.handle.unref();
    }
    if (this.idleTimeout !== undefined && worker.idleTimer === undefined) {
      worker.idleTimer = setTimeout(() => {
        worker.idleTimer = undefined;
        if (worker.inflight.length === 0 && !worker.retiring) {
          worker.retiring = true;
          this.stop(worker);
        }
      }, this.idleTimeout);
      worker.idleTimer.unref();
    }
  }

  private busy(worker: PoolWorker): void {
    if (worker.idleTimer !== undefined) {
      clearTimeout(worker.idleTimer);
      worker.idleTimer = undefined;
    }
    if (!worker.referenced) {
      worker.referenced = true;
      worker.handle.ref();
    }
  }

  private stop(worker: PoolWorker): void {
    if (worker.expectedExit) return;
    worker.expectedExit = true;
    worker.retiring = true;
    // Keep the program alive until the worker has gone, so `await shutdown()` always completes.
    this.busy(worker);
    worker.handle.stop();
  }

  private onExit(worker: PoolWorker, code: number | null, signal: string | null): void {
    if (!this.workers.delete(worker)) return;
    if (worker.idleTimer !== undefined) clearTimeout(worker.idleTimer);
    const held = worker.inflight.drain();
    this.stats.emit('workerExit', worker.name);
    const exit: WorkerExit = { workerName: worker.name, exitCode: code, signal, cause: worker.lastError };
    if (worker.expectedExit) {
      // Killed after an abort, or stopped: tasks it had not reached go to another worker.
      for (const item of held) if (!item.future.done()) this.restart.push(item);
    } else if (!worker.ready) {
      this.breakPool(this.crashError(exit, this.initializerId >= 0));
    } else if (this.respawn && !this.isBroken) {
      for (const item of held) this.failItem(item, this.exitError(exit));
    } else if (!this.isBroken) {
      this.breakPool(this.crashError(exit, false), held);
    }
    this.pump();
    this.checkClosed();
  }

  /** Kills the worker of an aborted task still running after the grace period. */
  private enforceAbort(worker: PoolWorker, item: WorkItem): void {
    if (!this.workers.has(worker) || worker.expectedExit) return;
    const position = worker.inflight.indexOf(item);
    if (position < 0) return;
    if (position > 0) {
      // A task ahead of it is still running; the aborted one has not started. Look again later.
      setTimeout(() => this.enforceAbort(worker, item), this.abortGraceMs).unref();
      return;
    }
    worker.expectedExit = true;
    worker.retiring = true;
    worker.handle.kill();
  }

  /** Breaks the pool once: every queued, held and running future fails with its own copy of the error. */
  private breakPool(error: BrokenExecutor, held: WorkItem[] = []): void {
    const first = !this.isBroken;
    this.breakExecutor(error);
    for (const item of held) this.failItem(item, this.brokenError());
    for (const item of this.restart.drain()) this.failItem(item, this.brokenError());
    for (const worker of this.workers) {
      for (const item of worker.inflight.drain()) this.failItem(item, this.brokenError());
      worker.expectedExit = true;
      worker.handle.kill();
    }
    if (first) this.stats.emit('broken', undefined);
    this.checkClosed();
  }

  private failItem(item: WorkItem, error: unknown): void {
    if (this.stats.observed) this.stats.finished(item, true);
    else this.stats.count(true);
    this.finishItem(item, true, error);
  }

  /** Completes `shutdown()` once no work is left: stops every worker, then resolves when all have exited. */
  private checkClosed(): void {
    if (this.onClosed === undefined) return;
    if (this.queue.length > 0 || this.restart.length > 0) return;
    for (const worker of this.workers) if (worker.inflight.length > 0) return;
    for (const worker of this.workers) this.stop(worker);
    if (this.workers.size > 0) return;
    const resolve = this.onClosed;
    this.onClosed = () => undefined;
    resolve();
  }

  private snapshotCounts() {
    let running = 0;
    let idle = 0;
    for (const worker of this.workers) {
      running += worker.inflight.length;
      if (worker.ready && worker.inflight.length === 0) idle++;
    }
    return { queued: this.queue.length + this.restart.length, running, workers: this.workers.size, idleWorkers: idle };
  }
}

/** A chunk of one-argument calls travels as one flat array of arguments (far cheaper to clone than many arrays). */
function pushChunk(tasks: unknown[], id: number, argLists: unknown[][]): void {
  for (const args of argLists) {
    if (args.length !== 1) {
      tasks.push(id, CHUNK, argLists);
      return;
    }
  }
  tasks.push(id, CHUNK_OF_ONE, argLists.map((args) => args[0]));
}

function isIdle(worker: PoolWorker): boolean {
  return worker.ready && !worker.retiring && worker.inflight.length === 0;
}

function isKillable(item: WorkItem): boolean {
  return item.options !== undefined && (item.options.signal !== undefined || item.options.timeout !== undefined);
}

export type { PoolEvent };
