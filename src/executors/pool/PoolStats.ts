import { Observable, Subject } from 'rxjs';
import type { ProcessWorkerExitError } from '../../errors/ProcessWorkerExitError'; // for {@link} in a doc comment
import type { ThreadWorkerExitError } from '../../errors/ThreadWorkerExitError'; // for {@link} in a doc comment
import { callCount, type WorkItem } from '../WorkItem';

/**
 * Count, mean, min and max of durations in milliseconds (all 0 when count is 0).
 *
 * @example
 * ```ts
 * pool.events.subscribe(({ stats }) => console.log(`mean run time ${stats.runTime.mean.toFixed(1)} ms`));
 * ```
 */
export interface TimeSummary {
  /** How many durations were recorded. */
  readonly count: number;
  /** Their mean, in milliseconds. */
  readonly mean: number;
  /** The shortest, in milliseconds. */
  readonly min: number;
  /** The longest, in milliseconds. */
  readonly max: number;
}

/**
 * The state of a pool at one moment: what {@link PoolExecutor.stats | pool.stats()} returns, and what every
 * {@link PoolEvent} carries.
 *
 * The task counts count calls: `map(fn, items, { chunksize: 50 })` over 2,000 items counts 2,000, whether the calls
 * travel one by one or 50 to a message. The time summaries count what travels: a chunk of calls is sent, run and
 * answered as one, so it counts once there, with the time of the whole chunk.
 *
 * @example
 * ```ts
 * const squares = await lastValueFrom(pool.map((n: number) => n * n, range(2000), { chunksize: 50 }).pipe(toArray()));
 * const { completed, failed, queued, running } = pool.stats(); // completed: 2000, failed: 0, queued: 0, running: 0
 * pool.events.subscribe(({ stats }) => console.log(`${stats.running} running, ${stats.queued} queued`));
 * ```
 */
export interface PoolSnapshot {
  /** Calls waiting for a worker. */
  readonly queued: number;
  /** Calls sent to a worker and not yet answered. */
  readonly running: number;
  /** Workers alive (starting, busy or idle). */
  readonly workers: number;
  /** Ready workers holding no task. */
  readonly idleWorkers: number;
  /** Calls that succeeded, since the pool was made. */
  readonly completed: number;
  /**
   * Calls that failed, since the pool was made: their own error, a crash, an abort. A chunk of calls fails as a whole
   * (its future gets the first error), so all its calls count here.
   */
  readonly failed: number;
  /** Time from submission to start, per task sent, for tasks queued while someone was subscribed to `events`. */
  readonly waitTime: TimeSummary;
  /** Time from start to outcome, per task sent, for tasks started while someone was subscribed to `events`. */
  readonly runTime: TimeSummary;
}

/**
 * One pool event with the pool's state right after it, from the pool's `events` Observable.
 *
 * @example
 * ```ts
 * pool.events.pipe(filter((event) => event.type === 'workerExit')).subscribe((event) => console.log(event.workerName));
 * ```
 */
export interface PoolEvent {
  /**
   * What happened. `workerError`: a worker died without the pool asking it to (an uncaught error outside a task,
   * `process.exit`, a signal, out of memory), busy or idle; a `workerExit` follows.
   */
  readonly type: 'workerStart' | 'workerReady' | 'workerError' | 'workerExit' | 'taskQueued' | 'taskStart' | 'taskEnd' | 'broken';
  /** The worker concerned, for worker events. */
  readonly workerName?: string;
  /**
   * For `workerError`: what the worker died of, a {@link ThreadWorkerExitError} or {@link ProcessWorkerExitError}
   * with the exit code or signal, and as its `cause` the uncaught error when the worker reported one (threads do).
   */
  readonly error?: Error;
  /** The pool's state right after the event. */
  readonly stats: PoolSnapshot;
}

/** Running summary of durations. */
class Summary {
  count = 0;
  total = 0;
  min = 0;
  max = 0;

  add(ms: number): void {
    if (this.count === 0 || ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
    this.count++;
    this.total += ms;
  }

  snapshot(): TimeSummary {
    return { count: this.count, mean: this.count === 0 ? 0 : this.total / this.count, min: this.min, max: this.max };
  }
}

/** The parts of a snapshot the pool reads from its queue and workers (counting calls, as the snapshot does). */
type Counts = Pick<PoolSnapshot, 'queued' | 'running' | 'workers' | 'idleWorkers'>;

/**
 * A pool's counters and event stream. Outcome counters always run (two increments); timestamps and events are kept
 * only while someone is subscribed, so an unobserved pool pays nothing per task beyond the counters.
 *
 * @example
 * ```ts
 * const stats = new PoolStats(() => ({ queued: 0, running: 0, workers: 0, idleWorkers: 0 }));
 * stats.events.subscribe((event) => console.log(event.type));
 * ```
 */
export class PoolStats {
  readonly events: Observable<PoolEvent>;
  private readonly subject = new Subject<PoolEvent>();
  private readonly since = new Map<WorkItem, number>();
  private readonly waitTime = new Summary();
  private readonly runTime = new Summary();
  private completed = 0;
  private failed = 0;

  constructor(private readonly counts: () => Counts) {
    this.events = this.subject.asObservable();
  }

  /** `true` while someone is subscribed to {@link PoolStats.events}. */
  get observed(): boolean {
    return this.subject.observed;
  }

  /** Counts an item's calls as completed or failed, without an event. */
  count(item: WorkItem, failed: boolean): void {
    if (failed) this.failed += callCount(item);
    else this.completed += callCount(item);
  }

  queued(item: WorkItem): void {
    this.since.set(item, performance.now());
    this.emit('taskQueued', undefined);
  }

  started(item: WorkItem): void {
    const now = performance.now();
    const queuedAt = this.since.get(item);
    if (queuedAt !== undefined) this.waitTime.add(now - queuedAt);
    this.since.set(item, now);
    this.emit('taskStart', undefined);
  }

  finished(item: WorkItem, failed: boolean): void {
    this.count(item, failed);
    const startedAt = this.since.get(item);
    if (startedAt !== undefined) {
      this.runTime.add(performance.now() - startedAt);
      this.since.delete(item);
    }
    this.emit('taskEnd', undefined);
  }

  /** Drops the timestamp of an item that will never start (cancelled or aborted while queued). */
  forget(item: WorkItem): void {
    if (this.since.size > 0) this.since.delete(item);
  }

  emit(type: PoolEvent['type'], workerName: string | undefined, error?: Error): void {
    if (!this.subject.observed) {
      if (this.since.size > 0) this.since.clear();
      return;
    }
    const stats = this.snapshot();
    if (error !== undefined) this.subject.next({ type, workerName, error, stats });
    else this.subject.next(workerName === undefined ? { type, stats } : { type, workerName, stats });
  }

  /** The pool's state now. */
  snapshot(): PoolSnapshot {
    return {
      ...this.counts(),
      completed: this.completed,
      failed: this.failed,
      waitTime: this.waitTime.snapshot(),
      runTime: this.runTime.snapshot(),
    };
  }
}
