import type { FutureState, ReturnWhen } from '../../../src';

/** How a model task ended: a value, or the failure of task `id` (or cancellation, for a map's error). */
export type ModelOutcome = { failed: false; value: number } | { failed: true; failureOf: number };

export interface ModelTask {
  state: FutureState;
  outcome: ModelOutcome | undefined;
}

/** A map() call: its tasks in input order and what its results stream emitted so far. */
export interface ModelMap {
  readonly ids: number[];
  readonly emitted: number[];
  /** The id whose failure (or cancellation) errored the stream; `undefined` while it has not errored. */
  errorAt: number | undefined;
  completed: boolean;
}

export interface ModelWait {
  readonly ids: number[];
  readonly returnWhen: ReturnWhen;
  /** The ids done when wait() returned, or `undefined` while it has not returned. */
  done: Set<number> | undefined;
}

export interface ModelStream {
  readonly ids: number[];
  readonly emitted: number[];
  completed: boolean;
}

/**
 * The reference model of an executor, as Python documents it: a FIFO queue, at most `maxWorkers` running, cancel()
 * wins only while pending, shutdown({ cancelFutures }) cancels what is queued, map() yields in input order and on the
 * first error cancels what it had not started, wait() and asCompleted() see each completion as it happens.
 */
export class ExecutorModel {
  readonly tasks: ModelTask[] = [];
  /** Ids in start order. */
  readonly started: number[] = [];
  readonly queue: number[] = [];
  readonly running: number[] = [];
  readonly maps: ModelMap[] = [];
  readonly waits: ModelWait[] = [];
  readonly streams: ModelStream[] = [];
  isShutdown = false;

  constructor(
    readonly maxWorkers: number,
    private readonly eagerStart: boolean,
  ) {}

  submit(): number {
    const id = this.tasks.length;
    this.tasks.push({ state: 'PENDING', outcome: undefined });
    this.queue.push(id);
    return id;
  }

  map(count: number): ModelMap {
    const map: ModelMap = { ids: [], emitted: [], errorAt: undefined, completed: false };
    for (let i = 0; i < count; i++) map.ids.push(this.submit());
    this.maps.push(map);
    return map;
  }

  cancel(id: number): boolean {
    const task = this.tasks[id]!;
    if (task.state === 'CANCELLED') return true;
    if (task.state !== 'PENDING') return false;
    this.queue.splice(this.queue.indexOf(id), 1);
    this.settle(id, 'CANCELLED', undefined);
    return true;
  }

  finish(id: number, outcome: ModelOutcome): void {
    this.running.splice(this.running.indexOf(id), 1);
    this.settle(id, 'FINISHED', outcome);
    if (this.eagerStart) this.pump();
  }

  shutdown(cancelFutures: boolean): void {
    this.isShutdown = true;
    if (cancelFutures) for (const id of this.queue.splice(0)) this.settle(id, 'CANCELLED', undefined);
  }

  wait(ids: number[], returnWhen: ReturnWhen, immediate: boolean): ModelWait {
    const wait: ModelWait = { ids: unique(ids), returnWhen, done: undefined };
    this.waits.push(wait);
    if (immediate || this.satisfied(wait)) wait.done = this.doneAmong(wait.ids);
    return wait;
  }

  asCompleted(ids: number[]): ModelStream {
    const stream: ModelStream = { ids: unique(ids), emitted: [], completed: false };
    stream.emitted.push(...stream.ids.filter((id) => this.isDone(id)));
    stream.completed = stream.emitted.length === stream.ids.length;
    this.streams.push(stream);
    return stream;
  }

  /** What the executor and its consumers do on their own after a command: map reactions, then queued starts. */
  quiesce(): void {
    while (this.reactMaps()) {
      /* a map's error cancels tasks, which may end other streams */
    }
    this.pump();
  }

  isDone(id: number): boolean {
    const state = this.tasks[id]!.state;
    return state === 'FINISHED' || state === 'CANCELLED';
  }

  /** Whether the shutdown promise must have resolved: shut down, nothing queued, nothing running. */
  get closed(): boolean {
    return this.isShutdown && this.queue.length === 0 && this.running.length === 0;
  }

  private pump(): void {
    while (this.running.length < this.maxWorkers && this.queue.length > 0) {
      const id = this.queue.shift()!;
      this.tasks[id]!.state = 'RUNNING';
      this.running.push(id);
      this.started.push(id);
    }
  }

  private settle(id: number, state: FutureState, outcome: ModelOutcome | undefined): void {
    const task = this.tasks[id]!;
    task.state = state;
    task.outcome = outcome;
    for (const wait of this.waits) {
      if (wait.done === undefined && wait.ids.includes(id) && this.satisfied(wait)) wait.done = this.doneAmong(wait.ids);
    }
    for (const stream of this.streams) {
      if (stream.completed || !stream.ids.includes(id)) continue;
      stream.emitted.push(id);
      stream.completed = stream.emitted.length === stream.ids.length;
    }
  }

  /** Advances every map whose next result is ready; `true` if anything changed. */
  private reactMaps(): boolean {
    let changed = false;
    for (const map of this.maps) {
      while (!map.completed && map.errorAt === undefined) {
        const id = map.ids[map.emitted.length];
        if (id === undefined) {
          map.completed = true;
          changed = true;
          break;
        }
        const task = this.tasks[id]!;
        if (!this.isDone(id)) break;
        changed = true;
        if (task.state === 'FINISHED' && !task.outcome!.failed) {
          map.emitted.push(task.outcome!.value);
          continue;
        }
        map.errorAt = id;
        for (const later of map.ids.slice(map.emitted.length + 1)) this.cancel(later);
      }
    }
    return changed;
  }

  private satisfied(wait: ModelWait): boolean {
    const done = wait.ids.filter((id) => this.isDone(id));
    if (done.length === wait.ids.length) return true;
    if (wait.returnWhen === 'FIRST_COMPLETED') return done.length > 0;
    if (wait.returnWhen === 'FIRST_EXCEPTION') return done.some((id) => this.tasks[id]!.outcome?.failed === true);
    return false;
  }

  private doneAmong(ids: number[]): Set<number> {
    return new Set(ids.filter((id) => this.isDone(id)));
  }
}

function unique(ids: number[]): number[] {
  return [...new Set(ids)];
}
