import { availableParallelism } from 'node:os';
import type { BrokenExecutor } from '../../errors/BrokenExecutor';
import { fromWire, toWire } from '../../tasks/errorWire';
import { TaskRegistry } from '../../tasks/TaskRegistry';
import type { Future } from '../../Future';
import type { Task } from '../../tasks/Task';
import {
  ABORT,
  INIT,
  PROGRESS,
  READY,
  RESULTS,
  STREAM_CREDIT,
  STREAM_VALUE,
  TIMED,
  type Definitions,
  type FromWorker,
} from '../../worker/protocol';
import { Executor } from '../Executor';
import type { StreamChannel } from '../../streaming/StreamChannel';
import { callCount, reportItemProgress, type WorkItem } from '../WorkItem';
import type { WorkerExit } from '../../errors/WorkerExit';
import { crashError, exitError, movedAwayError, reportDeath, type PoolFaults } from './PoolFaults';
import { POOL_OPTION_KEYS, readPoolOptions, type PoolOptions } from './PoolOptions';
import { PoolDispatcher } from './PoolDispatcher';
import { PoolStats, type PoolEvent, type PoolSnapshot } from './PoolStats';
import { PoolWorker } from './PoolWorker';
import type { WorkerEvents, WorkerHandle } from './WorkerHandle';
import { captureItem, takeArgument } from './captureArguments';
import { giveBack } from './SpareBuffers';
import { StructuredCopy } from './StructuredCopy';
import type { CopyRules } from './CopyRules';
import { releasePooled } from './PooledBuffer';
import { sendTasks } from './sendTasks';

export type { CopyRules } from './CopyRules';
export type { PoolOptions } from './PoolOptions';
export type { PoolFaults } from './PoolFaults';

/** One registry for every pool, so a function keeps its id (and its definition is made once) whichever pool runs it. */
const registry = new TaskRegistry();

/**
 * The worker-pool core shared by {@link ThreadPoolExecutor} and {@link ProcessPoolExecutor}: sending tasks in
 * batches and settling their answers, the worker lifecycle (lazy start, initializer, task limit, idle exit, unref
 * when idle), faults (a crash breaks the pool in one place, or respawns), aborts and shutdown. The queue and the
 * choice of worker are the `PoolDispatcher`'s; one worker's own state is its `PoolWorker`'s. A subclass
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
  private readonly workers = new Set<PoolWorker>();
  private readonly dispatcher: PoolDispatcher;
  private readonly initializerId: number;
  private readonly maxTasksPerChild: number | undefined;
  private readonly idleTimeout: number | undefined;
  private readonly respawn: boolean;
  private readonly abortGraceMs: number | undefined;
  private readonly counters: PoolStats;
  private spawned = 0;
  /** Set while a shutdown waits for the last workers to exit. */
  private onAllExited: (() => void) | undefined;

  /**
   * Validates the pool options; a subclass passes its own options and its class name (used in worker names).
   *
   * @param options - the user's options.
   * @param kind - the class name, e.g. `'ThreadPoolExecutor'`.
   * @param optionKeys - the options the subclass takes beyond {@link PoolOptions}: any other key throws (see
   * {@link Executor}'s constructor). Omit it to accept any key.
   */
  protected constructor(options: PoolOptions | undefined, kind: string, optionKeys?: readonly string[]) {
    super(options, kind, availableParallelism(), optionKeys && [...POOL_OPTION_KEYS, ...optionKeys]);
    ({
      maxTasksPerChild: this.maxTasksPerChild,
      idleTimeout: this.idleTimeout,
      abortGraceMs: this.abortGraceMs,
      respawn: this.respawn,
    } = readPoolOptions(kind, options));
    if (this.initializer !== undefined) registry.note(this.initializer);
    this.initializerId = this.initializer === undefined ? -1 : registry.idOf(this.initializer);
    this.counters = new PoolStats(() => this.snapshotCounts());
    this.dispatcher = new PoolDispatcher({
      workers: this.workers,
      maxWorkers: this.maxWorkers,
      maxTasksPerChild: this.maxTasksPerChild,
      isBroken: () => this.isBroken,
      spawn: () => this.spawn(),
      start: (item, worker) => this.startItem(item, worker),
      dropped: (item) => this.counters.forget(item),
      send: (worker, items, exclusive) => this.send(worker, items, exclusive),
    });
  }

  /**
   * Pool events and statistics as an Observable: one event when a worker starts or exits and when a task is queued,
   * starts or ends, each with a snapshot of the pool (queued, running, workers, idle workers, completed, failed, and
   * wait and run time summaries in milliseconds). Costs nothing while nobody subscribes. For the state at one moment
   * without a subscription, call {@link PoolExecutor.stats | stats()}.
   *
   * @example
   * ```ts
   * pool.events.subscribe((event) => console.log(event.type, event.stats.running, event.stats.runTime.mean));
   * ```
   */
  get events() {
    return this.counters.events;
  }

  /**
   * The pool's state now, on demand: calls queued, running, completed and failed (a map chunk of 50 calls counts
   * 50), workers alive and idle. The completed and failed counts run from the pool's creation whether or not anyone
   * subscribed to {@link PoolExecutor.events | events}; the wait and run time summaries cover only the tasks seen
   * while someone was subscribed (timing every task would cost the unobserved pool time per task).
   *
   * @example
   * ```ts
   * await lastValueFrom(pool.map((n: number) => n * n, inputs, { chunksize: 50 }));
   * const { completed, failed } = pool.stats(); // completed === inputs.length
   * ```
   */
  stats(): PoolSnapshot {
    return this.counters.snapshot();
  }

  // ---- transport ------------------------------------------------------------------------------------------------

  /** Starts a thread or process running the worker runtime; events arrive through `events`. */
  protected abstract startWorker(name: string, events: WorkerEvents): WorkerHandle;
  /** The error classes and wording of this pool kind. */
  protected abstract readonly faults: PoolFaults;
  /** How this transport copies arguments, so the pool can take them at submit as the transport would send them. */
  protected abstract readonly copyRules: CopyRules;
  /** The copy rules of `snapshotArgument`: the transport's, with nothing pooled or moved (made on first use). */
  private snapshotRules: CopyRules | undefined = undefined;

  // ---- Executor hooks -------------------------------------------------------------------------------------------

  /**
   * Runs the stream task in a worker, alone (nothing is queued behind it, so it can be stopped by killing the
   * worker): its values arrive as `STREAM_VALUE` messages and go to `channel`; the channel's credit goes back to the
   * worker as `STREAM_CREDIT`; unsubscribing aborts the task, which closes its sink in the worker.
   */
  protected override submitStream(fn: Task<unknown[], unknown>, args: unknown[], channel: StreamChannel<unknown>): Future<unknown> {
    return this.submitStreamItem(fn, args, channel);
  }

  override noteTask(fn: Task<never[], unknown>): void {
    registry.note(fn);
  }

  /**
   * Takes the task's arguments now, as its transport would deliver them (see `captureItem`): the task sees them as
   * they were when submitted, whatever the caller does to them later. Arguments that cannot be sent fail this future
   * at once with a `SerializationError`; the pool goes on.
   */
  protected enqueue(item: WorkItem): void {
    const failure = captureItem(item, this.copyRules);
    if (failure !== undefined) {
      this.finishItem(item, true, failure);
      return;
    }
    this.dispatcher.enqueue(item);
    if (this.counters.observed) this.counters.queued(item);
  }

  /** @internal A copy of the argument made now, as the transport would deliver it (see `Executor.takeArgument`). */
  override takeArgument(value: unknown, list = false): unknown {
    return takeArgument(value, this.copyRules, list);
  }

  /**
   * @internal A private copy for a task sent more than once (see `Executor.snapshotArgument`): copied as the transport
   * would deliver it, with buffers in ArrayBuffers of their own (nothing pooled or moved). What cannot be copied is
   * passed as it is, for the attempt to fail with the transport's error.
   */
  override snapshotArgument(value: unknown, list = false): unknown {
    const rules = (this.snapshotRules ??= { ...this.copyRules, pooledBelow: 0, moves: false, lendBelow: 0, bulkFrom: Infinity });
    try {
      const copy = new StructuredCopy(rules);
      return list ? copy.list(value as unknown[]) : copy.value(value);
    } catch {
      return value;
    }
  }

  protected takePending(): WorkItem[] {
    const items = this.dispatcher.takePending();
    for (const item of items) this.counters.forget(item);
    return items;
  }

  protected *runningItems(): Iterable<WorkItem> {
    yield* this.dispatcher.resends();
    for (const worker of this.workers) yield* worker.held();
  }

  protected abortRunning(item: WorkItem, reason: unknown): void {
    for (const worker of this.workers) {
      const number = worker.taskNumber(item);
      if (number < 0) continue;
      try {
        worker.handle.send([ABORT, number, toWire(reason)]);
      } catch {
        // The reason could not be sent; the task still sees its signal abort, with a generic reason.
        worker.handle.send([ABORT, number, null]);
      }
      this.graceThen(() => this.enforceAbort(worker, item));
      return;
    }
  }

  protected hasWork(): boolean {
    if (this.dispatcher.waiting > 0) return true;
    for (const worker of this.workers) if (worker.holding > 0) return true;
    return false;
  }

  /** Stops every worker; resolves once all have exited. */
  protected override releaseResources(): Promise<void> | void {
    for (const worker of this.workers) worker.stop();
    if (this.workers.size === 0) return;
    return new Promise((resolve) => (this.onAllExited = resolve));
  }

  /** @internal */
  protected override loadCounts(): Record<string, number> {
    const { queued, running, workers } = this.snapshotCounts();
    return { queued, running, workers };
  }

  // ---- sending -------------------------------------------------------------------------------------------------

  /** Sends started items to a worker; those it received are its to answer (`exclusive`: see the dispatcher). */
  private send(worker: PoolWorker, items: WorkItem[], exclusive: boolean): void {
    const accepted = sendTasks(worker, items, registry, (item, error) => this.finishItem(item, true, error));
    if (accepted.length === 0) return;
    worker.accept(accepted, exclusive, this.maxTasksPerChild);
    if (this.counters.observed) for (const item of accepted) this.counters.started(item);
    if (accepted[0]!.stream !== undefined) this.linkStream(worker, accepted[0]!);
  }

  /** Sends the stream's credit to the worker running it, while it does. */
  private linkStream(worker: PoolWorker, item: WorkItem): void {
    const number = worker.taskNumber(item);
    item.stream!.onCredit = (n) => {
      if (worker.oldest !== item || worker.phase === 'exiting') return;
      try {
        worker.handle.send([STREAM_CREDIT, number, n]);
      } catch {
        // The worker is going away; its exit fails the stream.
      }
    };
  }

  // ---- messages from workers ------------------------------------------------------------------------------------

  private receive(worker: PoolWorker, message: FromWorker): void {
    if (message[0] === RESULTS) this.settle(worker, message[1]);
    else if (message[0] === STREAM_VALUE) worker.oldest?.stream?.write(message[1]);
    else if (message[0] === READY) this.onReady(worker, message[1]);
    else if (message[0] === PROGRESS) {
      const item = worker.heldTask(message[1]);
      if (item !== undefined) reportItemProgress(item, message[2]);
    }
  }

  private settle(worker: PoolWorker, outcomes: unknown[]): void {
    const arrived = performance.now();
    let answered = 0;
    for (let i = 0; i < outcomes.length; i += 2) {
      const item = worker.answer();
      if (item === undefined) break;
      answered++;
      // The worker copied the task's pooled buffers out when the task arrived: their slab space can be reused.
      if (item.pooled !== undefined) releasePooled(item.pooled, this.copyRules.slab);
      // Its lent copies were copied again when it was sent, and it will not be sent again: they can be reused.
      if (item.lent !== undefined) giveBack(item.lent, this.copyRules.spares!);
      const ok = outcomes[i] as number;
      const failed = (ok & 1) === 0;
      if (this.counters.observed) this.counters.finished(item, failed);
      else this.counters.count(item, failed);
      const value = failed ? fromWire(outcomes[i + 1]) : outcomes[i + 1];
      if (ok < TIMED) {
        this.finishItem(item, failed, value);
      } else {
        this.finishRan(item, failed, value, outcomes[i + 2] as number, outcomes[i + 3] as number);
        i += 2;
      }
    }
    // Paced on the tasks this answer covered (a traced task's outcome has four values, others two).
    worker.answeredAt(arrived, answered);
    worker.handle.answered?.(answered);
    this.dispatcher.pump();
    if (worker.holding === 0) this.idle(worker);
  }

  /** Settles a traced task whose code ran from `start` to `end` in the worker: its span gets the worker's times. */
  private finishRan(item: WorkItem, failed: boolean, value: unknown, start: number, end: number): void {
    const trace = item.trace;
    if (trace === undefined) this.finishItem(item, failed, value);
    else trace.settleRan(start, end, () => this.finishItem(item, failed, value));
  }

  private onReady(worker: PoolWorker, failure: [unknown] | null): void {
    if (failure !== null) {
      const exit = { workerName: worker.name, exitCode: null, signal: null, cause: fromWire(failure[0]) };
      this.breakPool(crashError(this.faults, exit, true));
      return;
    }
    worker.becomeReady();
    this.counters.emit('workerReady', worker.name);
    this.dispatcher.pump();
    if (worker.holding === 0) this.idle(worker);
  }

  // ---- worker lifecycle -----------------------------------------------------------------------------------------

  private spawn(): void {
    const worker = new PoolWorker(`${this.namePrefix}_${this.spawned++}`);
    this.workers.add(worker);
    try {
      worker.attach(
        this.startWorker(worker.name, {
          message: (message) => this.receive(worker, message),
          error: (error) => worker.noteError(error),
          exit: (code, signal) => this.onExit(worker, code, signal),
        }),
      );
      const definitions: Definitions | null =
        this.initializerId < 0 ? null : [this.initializerId, registry.definition(this.initializerId)];
      worker.handle.send([INIT, worker.name, this.initializerId, this.initArgs as unknown[], definitions]);
    } catch (error) {
      this.workers.delete(worker);
      worker.kill();
      const exit = { workerName: worker.name, exitCode: null, signal: null, cause: error };
      this.breakPool(crashError(this.faults, exit, this.initializerId >= 0));
      return;
    }
    if (this.initializerId >= 0) worker.learn(this.initializerId);
    this.counters.emit('workerStart', worker.name);
  }

  /** The worker has nothing to do: retire it, or let the program exit while it waits. */
  private idle(worker: PoolWorker): void {
    if (worker.phase !== 'ready' || this.isShutdown) {
      this.checkIdle();
      if (worker.phase === 'retiring') worker.stop();
      return;
    }
    worker.idle(this.idleTimeout, () => worker.stop());
  }

  private onExit(worker: PoolWorker, code: number | null, signal: string | null): void {
    if (!this.workers.delete(worker)) return;
    worker.clearTimer();
    const held = worker.takeHeld();
    const expected = worker.phase === 'exiting';
    const exit: WorkerExit = { workerName: worker.name, exitCode: code, signal, cause: worker.lastError };
    if (!expected) {
      // Unless a future fails with it or it breaks the pool (then later submissions throw it), nobody would know.
      const silent = this.respawn && worker.initialized && held.length === 0 && !this.isBroken;
      reportDeath(this.counters, this.faults, exit, held.length, silent);
    }
    this.counters.emit('workerExit', worker.name);
    if (expected) {
      // Killed after an abort, or stopped: tasks it had not reached go to another worker, unless buffers of theirs
      // were moved to it (they went with it).
      for (const item of held) {
        if (item.future.done()) continue;
        if (item.moves === undefined) this.dispatcher.resend(item);
        else this.failItem(item, movedAwayError(this.faults, exit));
      }
    } else if (!worker.initialized) {
      this.breakPool(crashError(this.faults, exit, this.initializerId >= 0));
    } else if (this.respawn && !this.isBroken) {
      for (const item of held) this.failItem(item, exitError(this.faults, exit));
    } else if (!this.isBroken) {
      this.breakPool(crashError(this.faults, exit, false), held);
    }
    this.dispatcher.pump();
    this.checkIdle();
    if (this.workers.size === 0) this.onAllExited?.();
  }

  /** Kills the worker of an aborted task still running after the grace period. */
  private enforceAbort(worker: PoolWorker, item: WorkItem): void {
    if (!this.workers.has(worker) || worker.phase === 'exiting' || !worker.holds(item)) return;
    if (worker.oldest !== item) {
      // A task ahead of it is still running; the aborted one has not started. Look again later.
      this.graceThen(() => this.enforceAbort(worker, item));
      return;
    }
    worker.kill();
  }

  /** Calls `enforce` once the abort grace has passed (never with `abortGraceMs: Infinity`). */
  private graceThen(enforce: () => void): void {
    if (this.abortGraceMs !== undefined) setTimeout(enforce, this.abortGraceMs).unref();
  }

  /** Breaks the pool once: every queued, held and running future fails with its own copy of the error. */
  private breakPool(error: BrokenExecutor, held: WorkItem[] = []): void {
    const first = !this.isBroken;
    this.breakExecutor(error);
    for (const item of held) this.failItem(item, this.brokenError());
    for (const item of this.dispatcher.takeResends()) this.failItem(item, this.brokenError());
    for (const worker of this.workers) {
      for (const item of worker.takeHeld()) this.failItem(item, this.brokenError());
      worker.kill();
    }
    if (first) this.counters.emit('broken', undefined);
    this.checkIdle();
  }

  private failItem(item: WorkItem, error: unknown): void {
    if (this.counters.observed) this.counters.finished(item, true);
    else this.counters.count(item, true);
    this.finishItem(item, true, error);
  }

  private snapshotCounts() {
    let running = 0;
    let idle = 0;
    for (const worker of this.workers) {
      for (const item of worker.held()) running += callCount(item);
      if (worker.initialized && worker.holding === 0) idle++;
    }
    return { queued: this.dispatcher.waitingCalls, running, workers: this.workers.size, idleWorkers: idle };
  }
}


export type { PoolEvent };
