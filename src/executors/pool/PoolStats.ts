import { Observable, Subject } from 'rxjs';
import type { WorkItem } from '../WorkItem';

/** Count, mean, min and max of durations in milliseconds (all 0 when count is 0). */
export interface TimeSummary {
  readonly count: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

/** A snapshot of a pool. */
export interface PoolSnapshot {
  /** Tasks waiting for a worker. */
  readonly queued: number;
  /** Tasks sent to a worker and not yet answered. */
  readonly running: number;
  /** Workers alive (starting, busy or idle). */
  readonly workers: number;
  /** Ready workers holding no task. */
  readonly idleWorkers: number;
  /** Tasks that succeeded. */
  readonly completed: number;
  /** Tasks that failed (their own error, a crash, an abort). */
  readonly failed: number;
  /** Time from submission to start, for tasks queued while someone was subscribed. */
  readonly waitTime: TimeSummary;
  /** Time from start to outcome, for tasks started while someone was subscribed. */
  readonly runTime: TimeSummary;
}

/** One pool event with the pool's state right after it. */
export interface PoolEvent {
  readonly type: 'workerStart' | 'workerReady' | 'workerExit' | 'taskQueued' | 'taskStart' | 'taskEnd' | 'broken';
  /** The worker concerned, for worker events. */
  readonly workerName?: string;
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

  /** Counts an outcome without an event. */
  count(failed: boolean): void {
    if (failed) this.failed++;
    else this.completed++;
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
    this.count(failed);
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

  emit(type: PoolEvent['type'], workerName: string | undefined): void {
    if (!this.subject.observed) {
      if (this.since.size > 0) this.since.clear();
      return;
    }
    const stats: PoolSnapshot = {
      ...this.counts(),
      completed: this.completed,
      failed: this.failed,
      waitTime: this.waitTime.snapshot(),
      runTime: this.runTime.snapshot(),
    };
    this.subject.next(workerName === undefined ? { type, stats } : { type, workerName, stats });
  }
}
