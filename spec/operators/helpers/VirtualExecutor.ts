import { concat, defer, isObservable, of, take, toArray, type Observable, type Subscription } from 'rxjs';
import { Executor } from '../../../src/executors/Executor';
import { callCount, type WorkItem } from '../../../src/executors/WorkItem';
import { Deque } from '../../../src/internal/Deque';
import { ONE_CALL } from '../../../src/tasks/callShapes';
import { isModuleTask } from '../../../src/tasks/moduleTask';
import { runCalls } from '../../../src/tasks/runCalls';

/**
 * A test executor whose tasks take virtual time: a task returns an Observable (e.g. `timer(5).pipe(map(...))`) whose
 * first value is its result, so inside `TestScheduler.run` every start, finish and abort lands on a known frame.
 * A task may also return a plain value (it finishes as soon as it starts) or throw.
 *
 * `log` lists results in the order the executor settled them (a chunk's values in order), `started` the argument
 * lists of every task that started, `taskSizes` how many values each task carried (1, or a chunk's length), and
 * `peakLive` the most futures ever accepted and not yet done at once.
 */
export class VirtualExecutor extends Executor {
  readonly log: unknown[] = [];
  readonly started: unknown[][] = [];
  readonly taskSizes: number[] = [];
  peakLive = 0;
  private live = 0;
  private readonly queue = new Deque<WorkItem>();
  private readonly running = new Map<WorkItem, Subscription>();

  constructor(maxWorkers: number) {
    super({ maxWorkers }, 'VirtualExecutor', 1);
  }

  protected enqueue(item: WorkItem): void {
    this.peakLive = Math.max(this.peakLive, ++this.live);
    item.future._listen(() => this.live--);
    this.taskSizes.push(callCount(item));
    this.queue.push(item);
    this.dispatch();
  }

  protected takePending(): WorkItem[] {
    return this.queue.drain();
  }

  protected runningItems(): Iterable<WorkItem> {
    return [...this.running.keys()];
  }

  protected abortRunning(item: WorkItem): void {
    this.running.get(item)?.unsubscribe();
    this.running.delete(item);
    this.dispatch();
  }

  protected hasWork(): boolean {
    return this.running.size > 0 || this.queue.length > 0;
  }

  private dispatch(): void {
    while (this.running.size < this.maxWorkers && this.queue.length > 0) {
      const item = this.queue.shift() as WorkItem;
      if (this.startItem(item)) this.run(item);
    }
    this.checkIdle();
  }

  private run(item: WorkItem): void {
    if (isModuleTask(item.fn)) throw new TypeError('VirtualExecutor runs functions only');
    const fn = item.fn;
    // runCalls decodes the item's shape; each call becomes a deferred Observable of its first value, and a chunk's
    // run one after another (concat), as a worker runs them.
    const one = (...args: unknown[]): Observable<unknown> => {
      this.started.push(args);
      return defer(() => {
        const out = fn(...args);
        return isObservable(out) ? out.pipe(take(1)) : of(out);
      });
    };
    const planned = runCalls(one, item.chunk, item.args);
    const calls = (item.chunk === ONE_CALL ? [planned] : planned) as Observable<unknown>[];
    let settled = false;
    const subscription = concat(...calls)
      .pipe(toArray())
      .subscribe({
        next: (values) => {
          settled = true;
          this.settle(item, false, item.chunk === ONE_CALL ? values[0] : values);
        },
        error: (error: unknown) => {
          settled = true;
          this.settle(item, true, error);
        },
      });
    if (!settled) this.running.set(item, subscription);
  }

  private settle(item: WorkItem, failed: boolean, value: unknown): void {
    this.running.delete(item);
    if (!failed && !item.future.done()) this.log.push(...(item.chunk !== ONE_CALL ? (value as unknown[]) : [value]));
    this.finishItem(item, failed, value);
    this.dispatch();
  }
}
