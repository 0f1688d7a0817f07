import type fc from 'fast-check';
import { AsyncExecutor, ProcessPoolExecutor, ThreadPoolExecutor, type Executor } from '../../../src';
import { SchedulerExecutor } from '../../../src/testing';
import { flush } from './flush';
import { InProcessGate } from './InProcessGate';

/** An executor under test, with the gate its tasks wait at and a way to let it reach a steady state. */
export interface ExecutorUnderTest {
  readonly executor: Executor;
  readonly gate: InProcessGate;
  /** Resolves once the executor has done everything it can without the test releasing another task. */
  settle(): Promise<void>;
}

/**
 * One kind of executor the shared properties run against. Add the worker pools here (with a gate that works across
 * threads or processes) and every model-based and ordering property covers them, with their own case count.
 */
export interface ExecutorKind {
  readonly name: string;
  /** Cases per property in `npm test` (the in-process executors afford more than the worker pools). */
  readonly runs: number;
  /**
   * `true` if a worker freed by a completion takes the next queued task in the same turn, before the code awaiting
   * the finished future reacts (AsyncExecutor); `false` if the start waits a turn (SchedulerExecutor's start step).
   * Both are correct; the model needs to know which one to predict, e.g. whether `map` can still cancel the next task
   * after an error.
   */
  readonly eagerStart: boolean;
  create(maxWorkers: number, scheduler: fc.Scheduler): ExecutorUnderTest;
}

export const executorKinds: readonly ExecutorKind[] = [
  {
    name: 'AsyncExecutor',
    runs: 250,
    eagerStart: true,
    create: (maxWorkers) => ({ executor: new AsyncExecutor({ maxWorkers }), gate: new InProcessGate(), settle: flush }),
  },
  {
    name: 'SchedulerExecutor',
    runs: 200,
    eagerStart: false,
    create: (maxWorkers, scheduler) => ({
      executor: new SchedulerExecutor({ scheduler, maxWorkers }),
      gate: new InProcessGate(),
      settle: async () => {
        // Let consumers react fully before each scheduled step, so the model can tell who acts first.
        await flush();
        while (scheduler.count() > 0) {
          await scheduler.waitNext(1);
          await flush();
        }
      },
    }),
  },
];

/**
 * The worker pools. Their tasks run in other threads or processes, out of reach of fc.scheduler and of an in-process
 * gate, so they run the properties phrased over real (short, arbitrary) task durations, with fewer cases.
 */
export interface WorkerPoolKind {
  readonly name: string;
  readonly runs: number;
  create(maxWorkers: number): Executor;
}

export const workerPoolKinds: readonly WorkerPoolKind[] = [
  { name: 'ThreadPoolExecutor', runs: 20, create: (maxWorkers) => new ThreadPoolExecutor({ maxWorkers }) },
  { name: 'ProcessPoolExecutor', runs: 8, create: (maxWorkers) => new ProcessPoolExecutor({ maxWorkers }) },
];
