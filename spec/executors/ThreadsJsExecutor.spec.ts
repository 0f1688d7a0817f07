import { join } from 'node:path';
import { lastValueFrom, take, toArray, type Observable } from 'rxjs';
import { ThreadsJsExecutor } from '../../src/executors/ThreadsJsExecutor';

const workerModule = join(__dirname, '..', 'fixtures', 'threadsWorker.cjs');

describe('ThreadsJsExecutor', () => {
  const executors: ThreadsJsExecutor[] = [];
  const create = (maxWorkers = 2) => {
    const executor = new ThreadsJsExecutor({ workerModule, maxWorkers });
    executors.push(executor);
    return executor;
  };
  afterEach(async () => {
    await Promise.all(executors.splice(0).map((e) => e.shutdown({ cancelFutures: true, timeout: 2000 })));
  });

  it('runs exposed functions as futures', async () => {
    const executor = create();
    const add = executor.task<(a: number, b: number) => number>('add');
    await expect(executor.submit(add, 2, 3).result(10_000)).resolves.toBe(5);
  });

  it('maps in input order over at most maxWorkers workers', async () => {
    const executor = create(2);
    const later = executor.task<(ms: number, value: string) => Promise<string>>('later');
    const values = await lastValueFrom(executor.map(later, [30, 1, 10], ['a', 'b', 'c']).pipe(toArray()));
    expect(values).toEqual(['a', 'b', 'c']);
    const ids = await lastValueFrom(executor.map(executor.task<(n: number) => number>('threadId'), [1, 2, 3, 4]).pipe(toArray()));
    expect(new Set(ids).size).toBeLessThanOrEqual(2);
  });

  it('fails only the future of a task that throws', async () => {
    const executor = create(1);
    const error = await executor.submit(executor.task<(m: string) => never>('fail'), 'no').exception(10_000);
    expect((error as Error).message).toBe('no');
    await expect(executor.submit(executor.task<(a: number, b: number) => number>('add'), 1, 1).result(10_000)).resolves.toBe(2);
  });

  it('fails a task naming a function the worker does not expose, and one that is not its task', async () => {
    const executor = create(1);
    await expect(executor.submit(executor.task('nope')).exception(10_000)).resolves.toBeInstanceOf(TypeError);
    await expect(executor.submit(() => 1).exception(10_000)).resolves.toBeInstanceOf(TypeError);
  });

  it('aborts a running task by replacing its worker', async () => {
    const executor = create(1);
    const later = executor.task<(ms: number, value: string) => Promise<string>>('later');
    const first = await executor.submit(executor.task<() => number>('threadId'));
    const error = await executor.submitWith({ timeout: 50 }, later, 10_000, 'x').exception(10_000);
    expect((error as Error).name).toBe('TimeoutError');
    await expect(executor.submit(executor.task<() => number>('threadId')).result(10_000)).resolves.not.toBe(first);
  });

  it('starts waiting tasks by priority, in submission order within one priority', async () => {
    const executor = create(1);
    const later = executor.task<(ms: number, value: string) => Promise<string>>('later');
    const blocker = executor.submit(later, 30, 'blocker');
    const order: string[] = [];
    const futures = ([[3, 'a'], [0, 'b'], [3, 'c'], [1, 'd']] as const).map(([priority, tag]) => {
      const future = executor.submitWith({ priority }, later, 1, tag);
      future.addDoneCallback(() => order.push(tag));
      return future;
    });
    await Promise.all([blocker, ...futures]);
    expect(order).toEqual(['b', 'd', 'a', 'c']);
  });

  it('retries a failing task, each attempt on the worker', async () => {
    const executor = create(1);
    const future = executor.submitWith({ retries: 2 }, executor.task<(m: string) => never>('fail'), 'always');
    await expect(future.result(10_000)).rejects.toThrow('always');
    expect(future.attempts).toBe(3);
  });

  describe('stream()', () => {
    type Counter = (count: number, ms: number) => Observable<number>;

    it("emits the values of a worker's Observable in order, then completes", async () => {
      const executor = create(1);
      const values = await lastValueFrom(executor.stream(executor.task<Counter>('countTo'), 5, 1).pipe(toArray()));
      expect(values).toEqual([1, 2, 3, 4, 5]);
    });

    it("errors with the worker's error after the values before it", async () => {
      const executor = create(1);
      const seen: number[] = [];
      const failing = executor.stream(executor.task<(count: number) => Observable<number>>('failAfter'), 2);
      const error = await new Promise((resolve) =>
        failing.subscribe({ next: (value) => seen.push(value), error: resolve, complete: () => resolve(undefined) }),
      );
      expect(seen).toEqual([1, 2]);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toBe('failed after 2');
    });

    it('unsubscribing stops an endless stream, and the executor goes on with a fresh worker', async () => {
      const executor = create(1);
      const before = await executor.submit(executor.task<() => number>('threadId')).result(10_000);
      const values = await lastValueFrom(executor.stream(executor.task<Counter>('countTo'), Infinity, 2).pipe(take(3), toArray()));
      expect(values).toEqual([1, 2, 3]);
      const after = await executor.submit(executor.task<() => number>('threadId')).result(10_000);
      expect(after).not.toBe(before);
      await expect(executor.submit(executor.task<(a: number, b: number) => number>('add'), 2, 2).result(10_000)).resolves.toBe(4);
    });
  });

  it('validates its options', () => {
    expect(() => new ThreadsJsExecutor({ workerModule: 'relative.js' })).toThrow(TypeError);
    expect(() => new ThreadsJsExecutor({ workerModule, initializer: () => 1 } as never)).toThrow(/initializer/);
  });
});
