import { EventEmitter } from 'node:events';
import { stat } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Subject, lastValueFrom, switchMap, toArray } from 'rxjs';
import {
  AsyncExecutor,
  BrokenExecutor,
  BrokenThreadPool,
  CancelledError,
  DeadlockError,
  ExecutorShutdownError,
  type Future,
  InvalidStateError,
  TimeoutError,
  currentWorkerName,
  moduleTask,
  taskSignal,
} from '../../src';
import { describeExecutorContract } from './executorContract';

describeExecutorContract('AsyncExecutor', (options) => new AsyncExecutor(options));

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('AsyncExecutor', () => {
  const executors: AsyncExecutor[] = [];
  const create = (options?: ConstructorParameters<typeof AsyncExecutor>[0]) => {
    const executor = new AsyncExecutor(options);
    executors.push(executor);
    return executor;
  };
  afterEach(async () => {
    await Promise.all(executors.splice(0).map((executor) => executor.shutdown({ cancelFutures: true, timeout: 2000 })));
  });

  it("defaults maxWorkers to Python's thread-pool rule, min(32, cores + 4)", () => {
    expect(create().maxWorkers).toBe(Math.min(32, availableParallelism() + 4));
  });

  it('runs closures, sync or async, and starts a task only after submit() returns', async () => {
    const executor = create();
    let counter = 0;
    const future = executor.submit(() => ++counter);
    expect(future.state).toBe('PENDING');
    expect(counter).toBe(0);
    await expect(future.result()).resolves.toBe(1);
  });

  it('a sync task that throws fails its future and the slot keeps working', async () => {
    const executor = create({ maxWorkers: 1 });
    const bad = executor.submit(() => {
      throw new TypeError('sync failure');
    });
    await expect(bad.result()).rejects.toBeInstanceOf(TypeError);
    await expect(executor.submit(() => 'next').result()).resolves.toBe('next');
  });

  it("names workers like Python's threads, and honours threadNamePrefix", async () => {
    const executor = create({ maxWorkers: 2 });
    const names = await Promise.all([1, 2, 3].map(() => executor.submit(async () => (await sleep(5), currentWorkerName()))));
    expect(new Set(names).size).toBe(2);
    for (const name of names) expect(name).toMatch(/^AsyncExecutor-\d+_[01]$/);

    const prefixed = create({ maxWorkers: 1, threadNamePrefix: 'downloader' });
    await expect(prefixed.submit(() => currentWorkerName()).result()).resolves.toBe('downloader_0');
    expect(currentWorkerName()).toBe('MainThread');
  });

  it('runs the initializer once per worker, before its first task, in that worker', async () => {
    const initialized: string[] = [];
    const executor = create({
      maxWorkers: 2,
      initializer: (tag: string) => {
        initialized.push(`${tag}:${currentWorkerName()}`);
      },
      initArgs: ['init'],
    });
    await Promise.all(Array.from({ length: 6 }, () => executor.submit(() => sleep(5))));
    expect(initialized.sort()).toEqual([`init:${executor['namePrefix']}_0`, `init:${executor['namePrefix']}_1`]);
  });

  it('a failing initializer breaks the executor: pending futures and later submits get BrokenThreadPool', async () => {
    const cause = new Error('no database');
    const executor = create({
      maxWorkers: 1,
      initializer: async () => {
        await sleep(1);
        throw cause;
      },
    });
    const futures = [executor.submit(() => 1), executor.submit(() => 2)];
    const errors = await Promise.all(futures.map((f) => f.exception()));
    for (const error of errors) {
      expect(error).toBeInstanceOf(BrokenThreadPool);
      expect(error).toBeInstanceOf(BrokenExecutor);
      expect((error as Error).cause).toBe(cause);
    }
    expect(errors[0]).not.toBe(errors[1]); // each future its own error object
    expect(executor.isBroken).toBe(true);
    expect(() => executor.submit(() => 3)).toThrow(BrokenThreadPool);
  });

  it('submit during shutdown throws ExecutorShutdownError', async () => {
    const executor = create({ maxWorkers: 1 });
    executor.submit(() => sleep(10));
    const closing = executor.shutdown();
    expect(() => executor.submit(() => 1)).toThrow(ExecutorShutdownError);
    await closing;
  });

  describe('task context', () => {
    /** A fresh copy of the package: its context state starts from no task at all, whatever other tests left running. */
    const isolated = () => {
      let loaded!: { rx: typeof import('../../src'); context: typeof import('../../src/internal/taskContext') };
      jest.isolateModules(() => {
        loaded = { rx: require('../../src'), context: require('../../src/internal/taskContext') };
      });
      return loaded;
    };

    it('by default follows a task through its awaits, and is switched off once no task runs', async () => {
      const { rx, context } = isolated();
      const executor = new rx.AsyncExecutor({ maxWorkers: 1, threadNamePrefix: 'ctx' });
      const seen = await executor.submit(async () => {
        const before = rx.currentWorkerName();
        await sleep(1);
        return [before, rx.currentWorkerName(), context.taskContextInUse()];
      });
      expect(seen).toEqual(['ctx_0', 'ctx_0', true]);
      await executor.shutdown();
      await new Promise((resolve) => setImmediate(resolve));
      expect(context.taskContextInUse()).toBe(false);
    });

    it('follows each of several interleaved tasks through awaits and then callbacks, and never the code outside them', async () => {
      const { rx } = isolated();
      const executor = new rx.AsyncExecutor({ maxWorkers: 3, threadNamePrefix: 'mix' });
      let openGate!: () => void;
      const gate = new Promise<void>((resolve) => (openGate = resolve)); // made outside any task
      const madeInside: Promise<string>[] = [];
      const futures = [30, 10, 20].map((ms) =>
        executor.submit(async () => {
          const seen = [rx.currentWorkerName()];
          await sleep(ms);
          seen.push(rx.currentWorkerName());
          seen.push(await Promise.resolve().then(() => rx.currentWorkerName()));
          madeInside.push(Promise.resolve('inside'));
          await gate; // a promise of the outside world resumes the task in the task's context
          seen.push(rx.currentWorkerName());
          return seen;
        }),
      );
      await sleep(40);
      // While the tasks run (and the hook is on), code outside them sees no task, also in its own reactions and in
      // reactions it attaches to promises a task made.
      const outside = [rx.currentWorkerName(), await Promise.resolve().then(() => rx.currentWorkerName())];
      outside.push(...(await Promise.all(madeInside.map((promise) => promise.then(() => rx.currentWorkerName())))));
      openGate();
      const seen = await Promise.all(futures);
      expect(outside).toEqual(['MainThread', 'MainThread', 'MainThread', 'MainThread', 'MainThread']);
      expect(seen).toEqual([0, 1, 2].map((slot) => Array(4).fill(`mix_${slot}`)));
      await executor.shutdown();
    });

    it('stays on for a task still winding down after an abort freed its slot, so it sees its aborted signal', async () => {
      const executor = create({ maxWorkers: 1, abortGraceMs: 5 });
      const controller = new AbortController();
      let sawAbort: boolean | undefined;
      const slow = executor.submitWith({ signal: controller.signal }, async () => {
        await sleep(60);
        sawAbort = taskSignal().aborted;
      });
      await sleep(5);
      controller.abort(new Error('stop'));
      await slow.exception();
      await executor.submit(() => undefined); // the slot is free again, the slow task still runs
      await sleep(100);
      expect(sawAbort).toBe(true);
    });

    it('holdTaskContext() keeps the context on between tasks until it is released, once', async () => {
      const { rx, context } = isolated();
      const executor = new rx.AsyncExecutor({ maxWorkers: 1 });
      const release = context.holdTaskContext();
      expect(context.taskContextInUse()).toBe(true);
      for (let i = 0; i < 2; i++) {
        await expect(executor.submit(async () => (await sleep(1), rx.currentWorkerName())).result()).resolves.toMatch(/_0$/);
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setImmediate(resolve));
        expect(context.taskContextInUse()).toBe(true); // no task runs, and the hook stays on
      }
      await executor.shutdown();
      const other = context.holdTaskContext();
      release();
      release(); // a second call does not release the other holder
      await new Promise((resolve) => setImmediate(resolve));
      expect(context.taskContextInUse()).toBe(true);
      other();
      await new Promise((resolve) => setImmediate(resolve));
      expect(context.taskContextInUse()).toBe(false);
    });

    it('taskContext: false shows the context to the synchronous part of a task only', async () => {
      const { rx, context } = isolated();
      const executor = new rx.AsyncExecutor({ maxWorkers: 1, threadNamePrefix: 'sync', taskContext: false });
      const seen = await executor.submit(async () => {
        const before = [rx.currentWorkerName(), context.taskContextInUse()];
        await sleep(1);
        return [...before, rx.currentWorkerName()];
      });
      expect(seen).toEqual(['sync_0', false, 'MainThread']);
      await executor.shutdown();
    });

    /** What a task sees in the callbacks Node calls outside promises: a timer, nextTick, queueMicrotask, an event, I/O. */
    const inCallbacks = (rx: typeof import('../../src')) => async () => {
      const name = () => rx.currentWorkerName();
      const emitter = new EventEmitter();
      const seen = await Promise.all([
        new Promise<string>((resolve) => setTimeout(() => resolve(name()), 1)),
        new Promise<string>((resolve) => process.nextTick(() => resolve(name()))),
        new Promise<string>((resolve) => queueMicrotask(() => resolve(name()))),
        new Promise<string>((resolve) => {
          emitter.on('data', () => resolve(name()));
          setImmediate(() => emitter.emit('data'));
        }),
        new Promise<string>((resolve) => stat(__filename, () => resolve(name()))),
      ]);
      return [...seen, name()];
    };

    it('by default does not reach callbacks Node calls outside promises (timers, nextTick, events, I/O)', async () => {
      const { rx } = isolated();
      const executor = new rx.AsyncExecutor({ maxWorkers: 1, threadNamePrefix: 'promises' });
      expect(await executor.submit(inCallbacks(rx))).toEqual([...Array(5).fill('MainThread'), 'promises_0']);
      await executor.shutdown();
    });

    it("taskContext: 'everywhere' reaches timers, nextTick, queueMicrotask, events and I/O callbacks, and goes off after", async () => {
      const { rx, context } = isolated();
      const executor = new rx.AsyncExecutor({ maxWorkers: 2, threadNamePrefix: 'all', taskContext: 'everywhere' });
      const [first, second] = await Promise.all([executor.submit(inCallbacks(rx)), executor.submit(inCallbacks(rx))]);
      expect(first).toEqual(Array(6).fill('all_0'));
      expect(second).toEqual(Array(6).fill('all_1'));
      expect(context.taskContextInUse()).toBe(true);
      await executor.shutdown();
      await new Promise((resolve) => setImmediate(resolve));
      expect(context.taskContextInUse()).toBe(false);
    });

    it("a task of one reach submitted from a task of the other sees its own context, and its submitter keeps its own", async () => {
      const { rx } = isolated();
      const promises = new rx.AsyncExecutor({ maxWorkers: 1, threadNamePrefix: 'outerP' });
      const everywhere = new rx.AsyncExecutor({ maxWorkers: 1, threadNamePrefix: 'outerE', taskContext: 'everywhere' });
      const nested = (outer: InstanceType<typeof rx.AsyncExecutor>, inner: InstanceType<typeof rx.AsyncExecutor>) =>
        outer.submit(async () => {
          const innerSaw = await inner.submit(async () => {
            const first = rx.currentWorkerName();
            await sleep(1);
            const timer = await new Promise<string>((resolve) => setTimeout(() => resolve(rx.currentWorkerName()), 1));
            return [first, rx.currentWorkerName(), timer];
          });
          return [rx.currentWorkerName(), ...innerSaw];
        });
      expect(await nested(promises, everywhere)).toEqual(['outerP_0', 'outerE_0', 'outerE_0', 'outerE_0']);
      // The inner task's timer runs outside promises: the default reach leaves it no context, and it must not find the
      // outer task's (held by the storage) instead.
      expect(await nested(everywhere, promises)).toEqual(['outerE_0', 'outerP_0', 'outerP_0', 'MainThread']);
      await Promise.all([promises.shutdown(), everywhere.shutdown()]);
    });

    it('where V8 has no promise hooks (Bun), the default reach rides on AsyncLocalStorage and still follows awaits', async () => {
      let loaded!: { rx: typeof import('../../src'); context: typeof import('../../src/internal/taskContext') };
      jest.isolateModules(() => {
        jest.doMock('node:v8', () => ({
          ...jest.requireActual<typeof import('node:v8')>('node:v8'),
          promiseHooks: {
            createHook: () => {
              throw new Error('node:v8 createHook is not yet implemented in Bun.');
            },
          },
        }));
        loaded = { rx: require('../../src'), context: require('../../src/internal/taskContext') };
      });
      jest.dontMock('node:v8');
      const { rx, context } = loaded;
      expect(context.promiseHooksAvailable()).toBe(false);
      const executor = new rx.AsyncExecutor({ maxWorkers: 1, threadNamePrefix: 'bun' });
      const seen = await executor.submit(async () => {
        await sleep(1);
        return [rx.currentWorkerName(), await new Promise<string>((resolve) => setTimeout(() => resolve(rx.currentWorkerName()), 1))];
      });
      expect(seen).toEqual(['bun_0', 'bun_0']);
      await executor.shutdown();
    });

    it('rejects a taskContext that is not a boolean or everywhere, naming it', () => {
      expect(() => new AsyncExecutor({ taskContext: 'yes' as unknown as boolean })).toThrow(/taskContext must be true, false or 'everywhere'; received "yes"/);
    });
  });

  describe('deadlock detection', () => {
    it('a task waiting on a queued future of its own single-worker executor gets DeadlockError', async () => {
      const executor = create({ maxWorkers: 1 });
      const outer = executor.submit(async () => await executor.submit((a: number, b: number) => a ** b, 5, 2));
      await expect(outer.exception()).resolves.toBeInstanceOf(DeadlockError);
      // The executor is still usable afterwards.
      await expect(executor.submit(() => 'alive').result()).resolves.toBe('alive');
    });

    it('a task waiting on a retried future of its own single-worker executor gets DeadlockError', async () => {
      const executor = create({ maxWorkers: 1 });
      const outer = executor.submit(async () => await executor.submitWith({ retries: 2 }, (n: number) => n * 2, 21));
      await expect(outer.exception(5000)).resolves.toBeInstanceOf(DeadlockError);
    });

    it('two retried tasks waiting on each other get DeadlockError', async () => {
      const executor = create({ maxWorkers: 2 });
      const futures: Record<'a' | 'b', Future<number> | undefined> = { a: undefined, b: undefined };
      futures.a = executor.submitWith({ retries: 1, retryIf: () => false }, async () => {
        await sleep(5);
        return (await (futures.b as Future<number>)) + 1;
      });
      futures.b = executor.submitWith({ retries: 1, retryIf: () => false }, async () => {
        await sleep(5);
        return (await (futures.a as Future<number>)) + 1;
      });
      const errors = await Promise.all([futures.a.exception(5000), futures.b.exception(5000)]);
      expect(errors.some((error) => error instanceof DeadlockError)).toBe(true);
    });

    it('two tasks waiting on each other get DeadlockError instead of hanging (the seed\'s wait_on_a / wait_on_b)', async () => {
      const executor = create({ maxWorkers: 2 });
      const futures: Record<'a' | 'b', Future<number> | undefined> = { a: undefined, b: undefined };
      futures.a = executor.submit(async () => {
        await sleep(5);
        return (await (futures.b as Future<number>)) + 1;
      });
      futures.b = executor.submit(async () => {
        await sleep(5);
        return (await (futures.a as Future<number>)) + 1;
      });
      const errors = await Promise.all([futures.a.exception(), futures.b.exception()]);
      expect(errors.some((e) => e instanceof DeadlockError)).toBe(true);
      expect(errors.every((e) => e instanceof DeadlockError)).toBe(true);
    });

    it('waiting on a future of the same executor is fine while a worker is free to run it', async () => {
      const executor = create({ maxWorkers: 2 });
      const outer = executor.submit(async () => (await executor.submit(() => 21)) * 2);
      await expect(outer.result()).resolves.toBe(42);
    });

    it('a wait that has ended no longer counts: a task that awaited a future and still runs holds no wait', async () => {
      const executor = create({ maxWorkers: 2 });
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const order: string[] = [];
      let inner!: Future<string>;
      // `first` awaits `inner` (both forms: await, which calls then, and result()), which runs on the other slot
      // and ends; then it keeps its slot, waiting on a plain promise.
      const first = executor.submit(async () => {
        inner = executor.submit(async () => 'inner');
        const viaThen = await inner;
        const viaResult = await executor.submit(() => 'again').result();
        order.push(`first saw ${viaThen} ${viaResult}`);
        await gate;
        return 'first';
      });
      await new Promise((resolve) => setImmediate(resolve));
      // The other slot now waits on a queued future: not a deadlock, as `first` is not waiting on any future.
      const second = executor.submit(async () => {
        const queued = executor.submit(() => 'queued');
        setImmediate(release);
        return await queued;
      });
      await expect(second.result()).resolves.toBe('queued');
      await expect(first.result()).resolves.toBe('first');
      expect(order).toEqual(['first saw inner again']);
    });

    it('a bounded wait (result with a timeout) is never called a deadlock', async () => {
      const executor = create({ maxWorkers: 1 });
      const outer = executor.submit(async () => executor.submit(() => 1).result(10));
      await expect(outer.exception()).resolves.toBeInstanceOf(TimeoutError);
    });
  });

  describe('stopping running tasks', () => {
    it('a per-task timeout counts from the start, fails the future with TimeoutError and aborts taskSignal()', async () => {
      const executor = create({ maxWorkers: 1 });
      const blocker = executor.submit(() => sleep(40));
      let sawAbort = false;
      const timed = executor.submitWith({ timeout: 30 }, async () => {
        const signal = taskSignal();
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
        sawAbort = signal.reason instanceof TimeoutError;
      });
      await blocker; // 40 ms in the queue must not count against the 30 ms timeout
      expect(timed.running()).toBe(true);
      await expect(timed.exception()).resolves.toBeInstanceOf(TimeoutError);
      await sleep(1);
      expect(sawAbort).toBe(true);
    });

    it('aborting a queued task removes it with the signal reason; the task never runs', async () => {
      const executor = create({ maxWorkers: 1 });
      const blocker = executor.submit(() => sleep(20));
      const controller = new AbortController();
      const ran = jest.fn();
      const queued = executor.submitWith({ signal: controller.signal }, ran);
      controller.abort(new Error('changed my mind'));
      await expect(queued.exception()).resolves.toMatchObject({ message: 'changed my mind' });
      await blocker;
      await sleep(5);
      expect(ran).not.toHaveBeenCalled();
    });

    it('an already-aborted signal fails the future at once', async () => {
      const executor = create();
      const ran = jest.fn();
      const future = executor.submitWith({ signal: AbortSignal.abort('stop') }, ran);
      await expect(future.exception()).resolves.toBe('stop');
      expect(ran).not.toHaveBeenCalled();
    });

    it('a task that ignores its abort releases its slot after abortGraceMs', async () => {
      const executor = create({ maxWorkers: 1, abortGraceMs: 20 });
      const stubborn = executor.submitWith({ timeout: 5 }, () => new Promise<void>(() => undefined));
      const next = executor.submit(() => 'ran after the grace period');
      await expect(stubborn.exception()).resolves.toBeInstanceOf(TimeoutError);
      await expect(next.result(2000)).resolves.toBe('ran after the grace period');
    });

    it('a task given up after its grace period that ends late leaves the task now on its slot alone', async () => {
      const executor = create({ maxWorkers: 1, abortGraceMs: 10 });
      let endLate: (value: string) => void = () => undefined;
      let endNext: (value: string) => void = () => undefined;
      const stubborn = executor.submitWith({ timeout: 5 }, () => new Promise<string>((resolve) => (endLate = resolve)));
      const next = executor.submit(() => new Promise<string>((resolve) => (endNext = resolve)));
      const third = executor.submit(() => 'third');
      await expect(stubborn.exception()).resolves.toBeInstanceOf(TimeoutError);
      for (let turn = 0; turn < 200 && !next.running(); turn++) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(next.running()).toBe(true);
      endLate('late'); // the given-up task ends while the slot runs `next`
      await new Promise((resolve) => setImmediate(resolve));
      expect(next.running()).toBe(true);
      expect(third.state).toBe('PENDING');
      endNext('next');
      await expect(next.result(2000)).resolves.toBe('next');
      await expect(third.result(2000)).resolves.toBe('third');
    });

    it('shutdown({ timeout }) aborts running work and cancels queued work, so it cannot hang', async () => {
      const executor = create({ maxWorkers: 1, abortGraceMs: 10 });
      const forever = executor.submit(() => new Promise<void>(() => undefined));
      const queued = executor.submit(() => 1);
      await executor.shutdown({ timeout: 20 });
      await expect(forever.exception()).resolves.toBeInstanceOf(TimeoutError);
      expect(queued.cancelled()).toBe(true);
    });

    it('the abort listener is removed from the signal once the future is done', async () => {
      const executor = create();
      const controller = new AbortController();
      const added = jest.spyOn(controller.signal, 'addEventListener');
      const removed = jest.spyOn(controller.signal, 'removeEventListener');
      await executor.submitWith({ signal: controller.signal }, () => 1);
      expect(added).toHaveBeenCalledTimes(1);
      expect(removed).toHaveBeenCalledWith('abort', added.mock.calls[0][1]);
    });

    it('rejects bad submitWith options', () => {
      const executor = create();
      expect(() => executor.submitWith({ timeout: -1 }, () => 1)).toThrow(RangeError);
      expect(() => executor.submitWith({ signal: 'x' as never }, () => 1)).toThrow(TypeError);
      expect(() => executor.submitWith(5 as never, () => 1)).toThrow(TypeError);
    });
  });

  describe('defer()', () => {
    it('submits on each subscription', async () => {
      const executor = create();
      let runs = 0;
      const cold = executor.defer(async () => ++runs);
      expect(runs).toBe(0);
      await expect(lastValueFrom(cold)).resolves.toBe(1);
      await expect(lastValueFrom(cold)).resolves.toBe(2);
    });

    it('with switchMap, stale queued work is cancelled and stale running work aborted', async () => {
      const executor = create({ maxWorkers: 1 });
      const queries = new Subject<string>();
      const started: string[] = [];
      const aborted: string[] = [];
      const search = async (query: string) => {
        started.push(query);
        const signal = taskSignal();
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 30);
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            aborted.push(query);
            resolve();
          });
        });
        return `results for ${query}`;
      };
      const results = lastValueFrom(queries.pipe(switchMap((q) => executor.defer(search, q)), toArray()));
      queries.next('r');
      await sleep(5);
      queries.next('rx');
      queries.next('rxf');
      queries.complete();
      await expect(results).resolves.toEqual(['results for rxf']);
      expect(started).toEqual(['r', 'rxf']); // 'rx' was cancelled while queued
      expect(aborted).toEqual(['r']);
    });
  });

  describe('map() specifics', () => {
    it('its results can be read once', async () => {
      const executor = create();
      const results = executor.map((x: number) => x, [1, 2]);
      await expect(lastValueFrom(results.pipe(toArray()))).resolves.toEqual([1, 2]);
      await expect(lastValueFrom(results)).rejects.toBeInstanceOf(InvalidStateError);
    });

    it('submits every task at call time, even before anyone reads', async () => {
      const executor = create({ maxWorkers: 4 });
      const ran: number[] = [];
      executor.map((x: number) => ran.push(x), [1, 2, 3]);
      await sleep(5);
      expect(ran).toEqual([1, 2, 3]);
    });

    it('leaving the loop early cancels the tasks not yet started', async () => {
      const executor = create({ maxWorkers: 1 });
      const ran: number[] = [];
      for await (const value of executor.map(async (x: number) => (ran.push(x), await sleep(2), x), [1, 2, 3, 4])) {
        if (value === 1) break;
      }
      await executor.shutdown();
      expect(ran).toEqual([1, 2]); // task 2 had started when the loop left; 3 and 4 were cancelled
    });

    it('rejects bad iterables and options', () => {
      const executor = create();
      // @ts-expect-error map() needs an iterable
      expect(() => executor.map((x: number) => x)).toThrow(TypeError);
      expect(() => executor.map((x: number) => x, 5 as never)).toThrow(TypeError);
      expect(() => executor.map((x: number) => x, [1], { chunksize: 0 })).toThrow(RangeError);
      expect(() => executor.map((x: number) => x, [1], { buffersize: 1.5 })).toThrow(RangeError);
      expect(() => executor.map((x: number) => x, [1], { timeout: -1 })).toThrow(RangeError);
    });
  });

  describe('module tasks', () => {
    const fixture = join(__dirname, '..', 'fixtures', 'math.cjs');

    it('runs an export of a CommonJS module, typed from its signature', async () => {
      const executor = create();
      const cube = moduleTask<(n: number) => number>(fixture, 'cube');
      await expect(executor.submit(cube, 3).result()).resolves.toBe(27);
      const values = await lastValueFrom(executor.map(cube, [1, 2]).pipe(toArray()));
      expect(values).toEqual([1, 8]);
    });

    it('fails the future with a clear error when the export is not a function', async () => {
      const executor = create();
      const error = await executor.submit(moduleTask(fixture, 'notAFunction')).exception();
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toContain("'notAFunction'");
    });

    it('moduleTask() rejects a relative path', () => {
      expect(() => moduleTask('./math.cjs')).toThrow(TypeError);
    });
  });

  it('a cancelled future reports CancelledError to awaiters', async () => {
    const executor = create({ maxWorkers: 1 });
    executor.submit(() => sleep(10));
    const queued = executor.submit(() => 1);
    queued.cancel();
    await expect(queued.result()).rejects.toBeInstanceOf(CancelledError);
  });
});
