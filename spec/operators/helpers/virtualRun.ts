import fc from 'fast-check';
import { concatMap, from, map, timer, type OperatorFunction } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { Future } from '../../../src/Future';
import { VirtualExecutor } from './VirtualExecutor';
import { recordFutures } from './executors';

/** One source value of a virtual scenario: it arrives `gap` frames after the previous one and its task takes `duration`. */
export interface VirtualJob {
  v: number;
  gap: number;
  duration: number;
}

/** A random stream of jobs, the operator's options and the executor's size. */
export interface VirtualScenario {
  jobs: VirtualJob[];
  options: { maxInFlight: number; chunksize: number };
  maxWorkers: number;
}

export const virtualRunArbitrary: fc.Arbitrary<VirtualScenario> = fc.record({
  jobs: fc
    .array(fc.record({ gap: fc.nat(3), duration: fc.nat(8) }), { maxLength: 25 })
    .map((jobs) => jobs.map((job, v) => ({ ...job, v }))),
  options: fc.record({ maxInFlight: fc.integer({ min: 1, max: 6 }), chunksize: fc.integer({ min: 1, max: 4 }) }),
  maxWorkers: fc.integer({ min: 1, max: 4 }),
});

/** Builds the operator under test for a run. */
export type MakeOperator = (
  executor: VirtualExecutor,
  task: (job: VirtualJob) => number,
  options: VirtualScenario['options'],
) => OperatorFunction<VirtualJob, number>;

/** What a virtual run observed. */
export interface VirtualOutcome {
  output: number[];
  error: unknown;
  completed: boolean;
  executor: VirtualExecutor;
  futures: Future<unknown>[];
  /** When stopped: the futures still queued at the moment of unsubscribing, and how many tasks had started. */
  pendingAtStop: Future<unknown>[];
  startedAtStop: number;
}

/**
 * Runs a scenario through an operator on a {@link VirtualExecutor} inside `TestScheduler.run`, optionally
 * unsubscribing at frame `stopAt`, and reports what came out once virtual time has run to the end.
 */
export function virtualRun(scenario: VirtualScenario, makeOperator: MakeOperator, stopAt?: number): VirtualOutcome {
  const executor = new VirtualExecutor(scenario.maxWorkers);
  const outcome: VirtualOutcome = {
    output: [],
    error: undefined,
    completed: false,
    executor,
    futures: recordFutures(executor),
    pendingAtStop: [],
    startedAtStop: 0,
  };
  // The task returns a virtual-time Observable; VirtualExecutor takes its value as the task's result.
  const task = ((job: VirtualJob) => timer(job.duration).pipe(map(() => job.v))) as unknown as (job: VirtualJob) => number;
  new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(() => {
    const source = from(scenario.jobs).pipe(concatMap((job) => timer(job.gap).pipe(map(() => job))));
    const subscription = source.pipe(makeOperator(executor, task, scenario.options)).subscribe({
      next: (value) => outcome.output.push(value),
      error: (error: unknown) => (outcome.error = error),
      complete: () => (outcome.completed = true),
    });
    if (stopAt !== undefined) {
      timer(stopAt).subscribe(() => {
        subscription.unsubscribe();
        outcome.pendingAtStop = outcome.futures.filter((future) => future.state === 'PENDING');
        outcome.startedAtStop = executor.started.length;
      });
    }
  });
  return outcome;
}

/**
 * Property: for any scenario and any frame at which the subscriber unsubscribes, no future of the operator is left
 * pending, every future still queued at that moment is cancelled (it never ran), and no task starts afterwards.
 */
export function expectCleanStopAtAnyMoment(makeOperator: MakeOperator): void {
  fc.assert(
    fc.property(virtualRunArbitrary, fc.nat(60), (scenario, stopAt) => {
      const { futures, pendingAtStop, startedAtStop, executor } = virtualRun(scenario, makeOperator, stopAt);
      expect(futures.filter((future) => !future.done())).toEqual([]);
      expect(executor.started.length).toBe(startedAtStop);
      for (const future of pendingAtStop) expect(future.cancelled()).toBe(true);
    }),
  );
}
