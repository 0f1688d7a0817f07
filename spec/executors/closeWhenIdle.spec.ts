/**
 * The base Executor owns shutdown's close-when-idle protocol: a subclass only says whether it has work (`hasWork`),
 * calls `checkIdle()` when its last work may have ended, and may free resources in `releaseResources`. Tested on an
 * executor whose tasks start and end only when the test says so.
 */
import { Executor, ExecutorShutdownError } from '../../src';
import type { WorkItem } from '../../src/executors/WorkItem';

class ManualExecutor extends Executor {
  readonly queue: WorkItem[] = [];
  readonly running = new Set<WorkItem>();
  released = 0;
  /** Resolves `releaseResources`' promise when set by a test; `undefined`: release at once. */
  holdRelease: Promise<void> | undefined;

  constructor() {
    super({ maxWorkers: 1 }, 'ManualExecutor', 1);
  }

  /** Starts the oldest queued task, as a worker would. */
  start(): WorkItem {
    const item = this.queue.shift()!;
    if (this.startItem(item)) this.running.add(item);
    return item;
  }

  /** Ends a running task with `value`. */
  end(item: WorkItem, value: unknown): void {
    this.running.delete(item);
    this.finishItem(item, false, value);
    this.checkIdle();
  }

  protected enqueue(item: WorkItem): void {
    this.queue.push(item);
  }
  protected takePending(): WorkItem[] {
    return this.queue.splice(0);
  }
  protected runningItems(): Iterable<WorkItem> {
    return this.running;
  }
  protected abortRunning(item: WorkItem): void {
    this.running.delete(item);
    this.checkIdle();
  }
  protected hasWork(): boolean {
    return this.queue.length > 0 || this.running.size > 0;
  }
  protected override releaseResources(): Promise<void> | void {
    this.released++;
    return this.holdRelease;
  }
}

/** Lets promise reactions run. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('close-when-idle, owned by the Executor base', () => {
  it('shutdown() waits until the subclass has no work, then releases its resources once and resolves', async () => {
    const executor = new ManualExecutor();
    const future = executor.submit((n: number) => n, 1);
    let closed = false;
    const shutdown = executor.shutdown().then(() => (closed = true));
    await turn();
    expect([closed, executor.released]).toEqual([false, 0]);
    const item = executor.start();
    await turn();
    expect([closed, executor.released]).toEqual([false, 0]);
    executor.end(item, 'done');
    await shutdown;
    expect([closed, executor.released, await future]).toEqual([true, 1, 'done']);
    await executor.shutdown();
    expect(executor.released).toBe(1);
  });

  it('shutdown() of an idle executor releases at once, and resolves only once the release has finished', async () => {
    const executor = new ManualExecutor();
    let finishRelease = () => {};
    executor.holdRelease = new Promise<void>((resolve) => (finishRelease = resolve));
    let closed = false;
    const shutdown = executor.shutdown().then(() => (closed = true));
    await turn();
    expect([closed, executor.released]).toEqual([false, 1]);
    finishRelease();
    await shutdown;
    expect(closed).toBe(true);
    expect(() => executor.submit((n: number) => n, 1)).toThrow(ExecutorShutdownError);
  });

  it('shutdown({ cancelFutures }) completes at once when only queued work was left', async () => {
    const executor = new ManualExecutor();
    const queued = [executor.submit((n: number) => n, 1), executor.submit((n: number) => n, 2)];
    await executor.shutdown({ cancelFutures: true });
    expect(queued.map((f) => f.state)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(executor.released).toBe(1);
  });

  it('shutdown({ timeout }) aborts running work at the deadline, and the subclass going idle completes it', async () => {
    const executor = new ManualExecutor();
    const future = executor.submit((n: number) => n, 1);
    executor.start();
    await executor.shutdown({ timeout: 10 });
    expect(future.state).toBe('FINISHED');
    expect(executor.released).toBe(1);
  });

  it('a release that throws is reported as a warning, and shutdown() still resolves', async () => {
    const executor = new ManualExecutor();
    executor.holdRelease = Promise.reject(new Error('cannot close'));
    const emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      await executor.shutdown();
      expect(String(emitWarning.mock.calls[0]?.[0])).toContain('cannot close');
    } finally {
      emitWarning.mockRestore();
    }
  });
});
