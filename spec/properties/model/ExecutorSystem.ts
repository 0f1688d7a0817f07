import type { Subscription } from 'rxjs';
import { CancelledError, asCompleted, wait, type Future, type ReturnWhen } from '../../../src';
import type { ExecutorUnderTest } from '../support/executorKinds';
import { TaskFailure } from '../support/InProcessGate';
import { recordFutures } from '../support/recordFutures';
import type { ExecutorModel, ModelOutcome } from './ExecutorModel';

interface MapReading {
  readonly values: unknown[];
  error: unknown;
  errored: boolean;
  completed: boolean;
}

/** The real executor driven by the commands, with everything its consumers observed recorded for comparison. */
export class ExecutorSystem {
  readonly futures: Future<unknown>[];
  readonly callbackCalls: number[] = [];
  readonly maps: MapReading[] = [];
  readonly waits: Array<{ done: Set<Future<unknown>> | undefined }> = [];
  readonly streams: Array<{ emitted: Future<unknown>[]; completed: boolean }> = [];
  readonly subscriptions: Subscription[] = [];
  shutdownResolved = false;

  constructor(readonly under: ExecutorUnderTest) {
    this.futures = recordFutures(under.executor, (future) => this.track(future));
  }

  submit(id: number): void {
    this.under.executor.submit(this.under.gate.task, id);
  }

  map(ids: number[]): void {
    const reading: MapReading = { values: [], error: undefined, errored: false, completed: false };
    const results = this.under.executor.map(this.under.gate.task, ids);
    this.maps.push(reading);
    this.subscriptions.push(
      results.subscribe({
        next: (value) => reading.values.push(value),
        error: (error: unknown) => Object.assign(reading, { error, errored: true }),
        complete: () => (reading.completed = true),
      }),
    );
  }

  wait(ids: number[], returnWhen: ReturnWhen, immediate: boolean): void {
    const entry: { done: Set<Future<unknown>> | undefined } = { done: undefined };
    this.waits.push(entry);
    void wait(
      ids.map((id) => this.futures[id]!),
      { returnWhen, timeout: immediate ? 0 : undefined },
    ).then((result) => (entry.done = result.done));
  }

  asCompleted(ids: number[]): void {
    const entry = { emitted: [] as Future<unknown>[], completed: false };
    this.streams.push(entry);
    this.subscriptions.push(
      asCompleted(ids.map((id) => this.futures[id]!)).subscribe({
        next: (future) => entry.emitted.push(future),
        complete: () => (entry.completed = true),
      }),
    );
  }

  shutdown(cancelFutures: boolean): void {
    void this.under.executor.shutdown({ cancelFutures }).then(() => (this.shutdownResolved = true));
  }

  /** Asserts that the system agrees with the model on everything observable now. */
  expectAgrees(model: ExecutorModel): void {
    expect(this.futures.map((f) => f.state)).toEqual(model.tasks.map((t) => t.state));
    expect(this.callbackCalls).toEqual(model.tasks.map((_, id) => (model.isDone(id) ? 1 : 0)));
    expect(this.under.gate.started).toEqual(model.started);
    this.maps.forEach((reading, i) => {
      const expected = model.maps[i]!;
      expect(reading.values).toEqual(expected.emitted);
      expect(reading.completed).toBe(expected.completed);
      expect(reading.errored).toBe(expected.errorAt !== undefined);
      if (expected.errorAt !== undefined) this.expectOutcomeError(reading.error, expected.errorAt, model);
    });
    this.waits.forEach((entry, i) => {
      const expected = model.waits[i]!.done;
      expect(entry.done === undefined ? undefined : this.idsOf(entry.done)).toEqual(expected && [...expected].sort(byNumber));
    });
    this.streams.forEach((entry, i) => {
      expect(entry.emitted.map((f) => this.futures.indexOf(f))).toEqual(model.streams[i]!.emitted);
      expect(entry.completed).toBe(model.streams[i]!.completed);
    });
    expect(this.shutdownResolved).toBe(model.closed);
  }

  /** Asserts every future's observable result: its value, its own error, or CancelledError. */
  async expectOutcomes(model: ExecutorModel): Promise<void> {
    for (const [id, future] of this.futures.entries()) {
      const task = model.tasks[id]!;
      if (task.state === 'CANCELLED') await expect(future.result()).rejects.toBeInstanceOf(CancelledError);
      else if (task.outcome?.failed) this.expectOutcomeError(await future.exception(), id, model);
      else expect(await future.result()).toBe((task.outcome as ModelOutcome & { failed: false }).value);
    }
  }

  private expectOutcomeError(error: unknown, id: number, model: ModelExecutorView): void {
    const task = model.tasks[id]!;
    if (task.state === 'CANCELLED') expect(error).toBeInstanceOf(CancelledError);
    else expect(error instanceof TaskFailure ? error.id : error).toBe(id);
  }

  private idsOf(futures: Set<Future<unknown>>): number[] {
    return [...futures].map((f) => this.futures.indexOf(f)).sort(byNumber);
  }

  private track(future: Future<unknown>): void {
    const id = this.callbackCalls.push(0) - 1;
    future.addDoneCallback(() => this.callbackCalls[id]!++);
  }
}

type ModelExecutorView = Pick<ExecutorModel, 'tasks'>;

function byNumber(a: number, b: number): number {
  return a - b;
}
