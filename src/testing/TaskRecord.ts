import type { Future } from '../Future';

/**
 * What a {@link SchedulerExecutor} remembers about one submitted task, for assertions after a run.
 *
 * Times are steps of the executor's logical clock ({@link SchedulerExecutor.clock}), which ticks once per event
 * (submitted, started, settled), so "A started before B was cancelled" is a comparison of two numbers, free of wall
 * clock noise.
 *
 * @example
 * ```ts
 * const started = executor.records.filter((r) => r.startedAt !== undefined).map((r) => r.label);
 * expect(started).toEqual(['fetchUser(1)', 'fetchUser(2)']);
 * ```
 */
export interface TaskRecord {
  /** Submission order, from 0. */
  readonly id: number;
  /** The call as text, e.g. `fetchUser(3)` (a chunk of `map` reads `fetchUser×4`). */
  readonly label: string;
  /** The future the submission returned (or, for a chunk of `map`, the chunk's internal future). */
  readonly future: Future<unknown>;
  /** When it was submitted. */
  readonly submittedAt: number;
  /** When the task function was called, or `undefined` if it never started. */
  readonly startedAt: number | undefined;
  /** When the future became done (finished or cancelled), or `undefined` while it is not done. */
  readonly settledAt: number | undefined;
  /** How many times the future reported becoming done: 1 once it is done, 0 before; anything else is a bug. */
  readonly settleCount: number;
  /** The most tasks that were running at once when this one started (including itself). */
  readonly concurrency: number | undefined;
}
