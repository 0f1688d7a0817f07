import { Observable, from, interval, lastValueFrom, map, take, toArray } from 'rxjs';
import { currentWorkerName } from '../../src/currentWorkerName';
import { ExecutorShutdownError } from '../../src/errors/ExecutorShutdownError';
import { AsyncExecutor } from '../../src/executors/AsyncExecutor';
import type { Executor } from '../../src/executors/Executor';
import { recordFutures, streamingExecutorFactories, turns } from '../operators/helpers/executors';

describe.each(streamingExecutorFactories)('Executor.stream on %s', (_kind, createExecutor) => {
  let executor: Executor;
  beforeEach(() => {
    executor = createExecutor(2);
  });
  afterEach(() => executor.shutdown());

  it('streams every value an async generator yields, in order, then completes', async () => {
    const countdown = async function* (from: number) {
      for (let n = from; n > 0; n--) yield n;
    };
    expect(await lastValueFrom(executor.stream(countdown, 4).pipe(toArray()))).toEqual([4, 3, 2, 1]);
  });

  it.each([
    ['an Iterable', () => [1, 2, 3]],
    ['a promise of an Iterable', async () => [1, 2, 3]],
    ['an AsyncIterable', () => ({ [Symbol.asyncIterator]: async function* () { yield* [1, 2, 3]; } })],
  ])('streams a task that returns %s', async (_name, task) => {
    expect(await lastValueFrom(executor.stream(task as () => Iterable<number>).pipe(toArray()))).toEqual([1, 2, 3]);
  });

  it('errors with the task\'s error after the values before it', async () => {
    const failing = async function* () {
      yield 1;
      throw Object.assign(new Error('disk full'), { code: 'E_DISK' });
    };
    const seen: number[] = [];
    const error = await lastValueFrom(executor.stream(failing).pipe(map((v) => seen.push(v)))).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('E_DISK');
    expect(seen).toEqual([1]);
  });

  it('errors with TypeError when the task returns something it cannot stream', async () => {
    await expect(lastValueFrom(executor.stream(() => 42 as unknown as number[]))).rejects.toBeInstanceOf(TypeError);
  });

  it('is cold: each subscription runs the task once', async () => {
    const futures = recordFutures(executor);
    const numbers = executor.stream(() => [1, 2]);
    expect(futures).toHaveLength(0);
    await lastValueFrom(numbers);
    await lastValueFrom(numbers);
    expect(futures).toHaveLength(2);
  });

  it('errors with ExecutorShutdownError when subscribed after shutdown', async () => {
    const numbers = executor.stream(() => [1]);
    await executor.shutdown();
    await expect(lastValueFrom(numbers)).rejects.toBeInstanceOf(ExecutorShutdownError);
  });
});

describe('Executor.stream on AsyncExecutor', () => {
  let executor: AsyncExecutor;
  beforeEach(() => {
    executor = new AsyncExecutor({ maxWorkers: 1, abortGraceMs: 50 });
  });
  afterEach(() => executor.shutdown());

  it('unsubscribing stops the task: no more values are produced and its cleanup runs; the worker is free again', async () => {
    let produced = 0;
    let cleanedUp = false;
    const endless = async function* () {
      try {
        // Bounded, so that if unsubscribing failed to stop it the test fails instead of hanging.
        while (produced < 1000) {
          produced++;
          yield produced;
          await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        cleanedUp = true;
      }
    };
    expect(await lastValueFrom(executor.stream(endless).pipe(take(3), toArray()))).toEqual([1, 2, 3]);
    await expect(executor.submit(() => 'free')).resolves.toBe('free');
    expect(cleanedUp).toBe(true);
    expect(produced).toBe(3);
  });

  it('unsubscribing while the task is queued cancels it: the task never starts', async () => {
    const futures = recordFutures(executor);
    const busy = executor.submit(() => new Promise((resolve) => setTimeout(resolve, 20)));
    let started = false;
    const subscription = executor
      .stream(async function* () {
        started = true;
        yield 1;
      })
      .subscribe();
    subscription.unsubscribe();
    await busy;
    await turns(2);
    expect(started).toBe(false);
    expect(futures[1]?.cancelled()).toBe(true);
  });

  it('an Observable-returning task is unsubscribed when the subscriber leaves', async () => {
    let unsubscribed = false;
    const ticks = () =>
      new Observable<number>((subscriber) => {
        const inner = interval(1).pipe(take(200)).subscribe(subscriber); // bounded, as above
        return () => {
          inner.unsubscribe();
          unsubscribed = true;
        };
      });
    expect(await lastValueFrom(executor.stream(ticks).pipe(take(2), toArray()))).toEqual([0, 1]);
    await turns(1);
    expect(unsubscribed).toBe(true);
  });

  it('runs the generator as a task: currentWorkerName() inside it is the worker\'s name (progress reports)', async () => {
    const whoAmI = async function* () {
      yield currentWorkerName();
      await turns(1);
      yield currentWorkerName();
    };
    const names = await lastValueFrom(executor.stream(whoAmI).pipe(toArray()));
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/^AsyncExecutor-\d+_0$/);
    expect(names[1]).toBe(names[0]);
  });

  it('rejects bad options', () => {
    expect(() => executor.streamWith({ highWaterMark: 0 }, () => [1])).toThrow(RangeError);
    expect(() => executor.stream(7 as never)).toThrow(TypeError);
  });
});
