import { Deque } from '../../internal/Deque';
import { WaitingQueue } from '../../internal/WaitingQueue';
import { callCount, priorityOf, type WorkItem } from '../WorkItem';
import type { PoolWorker } from './PoolWorker';

/** What a {@link PoolDispatcher} needs from its pool. */
export interface DispatchHost {
  /** The pool's workers: starting, ready, or on their way out. */
  readonly workers: ReadonlySet<PoolWorker>;
  readonly maxWorkers: number;
  readonly maxTasksPerChild: number | undefined;
  /** `true` once the pool is broken: nothing is dispatched any more. */
  isBroken(): boolean;
  /** Starts one more worker (it joins `workers` at once, not ready yet). */
  spawn(): void;
  /** Marks a queued item as running on `worker` (its name); `false` if it was cancelled or aborted while queued (it is skipped). */
  start(item: WorkItem, worker: string): boolean;
  /** A queued item left without being sent (cancelled or aborted meanwhile). */
  dropped(item: WorkItem): void;
  /**
   * Sends started items to a worker, in one message. `exclusive`: the one item may be stopped by killing the worker
   * (see {@link PoolDispatcher}), so nothing may be sent to that worker while it holds it.
   */
  send(worker: PoolWorker, items: WorkItem[], exclusive: boolean): void;
}

/**
 * The pool's waiting work and the rule that hands it to workers. Two queues: started tasks to send again first
 * (their worker was killed before it reached them, after a neighbour's abort), then the submitted tasks by priority,
 * in submission order within one (a {@link WaitingQueue}: a plain FIFO until some task has a priority).
 * Idle workers are served first, then workers are started while tasks wait, then busy workers prefetch up to their
 * window. No worker takes more than a fair share of all outstanding work, and a task that may be killed (it has a
 * signal or timeout, or streams) runs alone on its worker, so killing the worker harms no neighbour.
 *
 * @example
 * ```ts
 * const dispatcher = new PoolDispatcher({ workers, maxWorkers: 2, maxTasksPerChild: undefined, isBroken, spawn, start, dropped, send });
 * dispatcher.enqueue(item); // sent at the end of the current job, with whatever else was queued by then
 * ```
 */
export class PoolDispatcher {
  private readonly queue = new WaitingQueue<WorkItem>(priorityOf);
  private readonly restart = new Deque<WorkItem>();
  private scheduled = false;
  /** Calls in both queues (a chunk item counts its calls): the `queued` figure of the pool's stats. */
  private calls = 0;

  constructor(private readonly host: DispatchHost) {}

  /** Tasks waiting for a worker, both queues. */
  get waiting(): number {
    return this.queue.length + this.restart.length;
  }

  /** Calls waiting for a worker, both queues: a chunk of calls counts each one. */
  get waitingCalls(): number {
    return this.calls;
  }

  /** Queues a submitted task and schedules a dispatch. */
  enqueue(item: WorkItem): void {
    this.calls += callCount(item);
    this.queue.push(item);
    this.schedule();
  }

  /** Queues a started task whose worker went away before reaching it: it goes before every other. */
  resend(item: WorkItem): void {
    this.calls += callCount(item);
    this.restart.push(item);
  }

  /** Removes and returns the submitted tasks not yet started. */
  takePending(): WorkItem[] {
    return this.uncount(this.queue.drain());
  }

  /** Removes and returns the started tasks waiting to be sent again. */
  takeResends(): WorkItem[] {
    return this.uncount(this.restart.drain());
  }

  private uncount(items: WorkItem[]): WorkItem[] {
    for (const item of items) this.calls -= callCount(item);
    return items;
  }

  /** The started tasks waiting to be sent again. */
  *resends(): Iterable<WorkItem> {
    for (let i = 0; i < this.restart.length; i++) yield this.restart.at(i)!;
  }

  /** Dispatches at the end of the current job, so a burst of submissions travels in few messages. */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.pump());
  }

  /** Hands waiting tasks to workers now (after an answer, a worker start or exit). */
  pump(): void {
    this.scheduled = false;
    if (this.host.isBroken()) return;
    let waiting = this.waiting;
    if (waiting === 0) return;
    const { workers, maxWorkers } = this.host;
    let starting = 0;
    const share = this.fairShare(waiting);
    for (const worker of workers) if (worker.phase === 'starting') starting++;
    for (const worker of workers) {
      if (waiting === 0) return;
      if (worker.isIdle) waiting -= this.dispatch(worker, Math.min(worker.window, share));
    }
    for (; waiting > starting && workers.size < maxWorkers; starting++) this.host.spawn();
    for (const worker of workers) {
      if (waiting === 0) return;
      if (worker.phase !== 'ready' || worker.exclusive) continue;
      const room = Math.min(worker.window, share) - worker.holding;
      if (room > 0) waiting -= this.dispatch(worker, room);
    }
    // Tasks that could not be sent (or were cancelled) may have left a worker idle while others wait: go again.
    if (waiting > 0) for (const worker of workers) if (worker.isIdle) return this.schedule();
  }

  /**
   * The most tasks one worker may hold: all outstanding work (waiting and held) over the workers that share it,
   * counting those starting or yet to start. A worker whose window grew on quick tasks must not take a burst of slow
   * ones while another worker is free, or about to be.
   */
  private fairShare(waiting: number): number {
    const { workers, maxWorkers } = this.host;
    let sharers = Math.max(0, maxWorkers - workers.size);
    let held = 0;
    for (const worker of workers) {
      if (worker.phase === 'starting') {
        sharers++;
      } else if (worker.phase === 'ready') {
        sharers++;
        held += worker.holding;
      }
    }
    return Math.ceil((waiting + held) / Math.max(1, sharers));
  }

  /** Sends up to `count` tasks to `worker` in one message; returns how many left the queues. */
  private dispatch(worker: PoolWorker, count: number): number {
    const limit = this.host.maxTasksPerChild;
    if (limit !== undefined) count = Math.min(count, limit - worker.taken);
    const items: WorkItem[] = [];
    let exclusive = false;
    let removed = 0;
    while (items.length < count) {
      const fromRestart = this.restart.length > 0;
      const item = fromRestart ? this.restart.at(0)! : this.queue.peek();
      if (item === undefined) break;
      const killable = isKillable(item);
      if (killable && (worker.holding > 0 || items.length > 0)) break;
      (fromRestart ? this.restart : this.queue).shift();
      this.calls -= callCount(item);
      removed++;
      if (fromRestart ? item.future.done() : !this.host.start(item, worker.name)) {
        this.host.dropped(item);
        continue;
      }
      items.push(item);
      if (killable) {
        exclusive = true;
        break;
      }
    }
    if (items.length > 0) this.host.send(worker, items, exclusive);
    return removed;
  }
}

/** A task that may be stopped by killing its worker: it has a signal or a timeout, or it streams. */
function isKillable(item: WorkItem): boolean {
  if (item.stream !== undefined) return true;
  return item.options !== undefined && (item.options.signal !== undefined || item.options.timeout !== undefined);
}
