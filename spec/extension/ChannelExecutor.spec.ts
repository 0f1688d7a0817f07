import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import { BrokenExecutor, ExecutorShutdownError, SerializationError, TimeoutError, moduleTask } from '../../src';
import { describeExecutorContract } from '../executors/executorContract';
import { BrokenChannelExecutor, ChannelExecutor } from './ChannelExecutor';

// The executor written against rxfutures/executor alone obeys the contract every executor kind obeys.
describeExecutorContract('ChannelExecutor (written against rxfutures/executor)', (options) => new ChannelExecutor(options));

describe('ChannelExecutor, a third-party executor over a MessageChannel', () => {
  it('imports nothing from rxfutures but its public entry points', () => {
    const imports = (file: string) => [...readFileSync(join(__dirname, file), 'utf8').matchAll(/from '([^']+)'|require\('([^']+)'\)/g)];
    const executor = imports('ChannelExecutor.ts').map((match) => match[1]);
    expect(executor.filter((from) => !from!.startsWith('node:'))).toEqual(['../../src', '../../src/extension']);
    const worker = imports('../fixtures/channelWorker.cjs').map((match) => match[2]);
    expect(worker.filter((from) => !from!.startsWith('node:'))).toEqual(['rxfutures', 'rxfutures/executor']);
  });

  const executors: ChannelExecutor[] = [];
  const create = (maxWorkers = 2) => {
    const executor = new ChannelExecutor({ maxWorkers });
    executors.push(executor);
    return executor;
  };
  afterEach(async () => {
    await Promise.all(executors.splice(0).map((executor) => executor.shutdown({ cancelFutures: true, timeout: 2000 })));
  });

  it('runs its tasks in its own worker thread, module tasks too', async () => {
    const executor = create();
    const threadId = () => require('node:worker_threads').threadId as number;
    const ids = await Promise.all([1, 2, 3].map(() => executor.submit(threadId)));
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).not.toBe(require('node:worker_threads').threadId);
    const add = moduleTask<(a: number, b: number) => number>(join(__dirname, '..', 'fixtures', 'math.cjs'), 'add');
    await expect(executor.submit(add, 2, 3)).resolves.toBe(5);
  });

  it("runs map's chunks with the public runner, in order, one or several iterables", async () => {
    const executor = create();
    const squares = executor.map((n: number) => n * n, [1, 2, 3, 4, 5], { chunksize: 2 });
    expect(await lastValueFrom(squares.pipe(toArray()))).toEqual([1, 4, 9, 16, 25]);
    const sums = executor.map(async (a: number, b: number) => a + b, [1, 2, 3], [10, 20, 30], { chunksize: 2 });
    expect(await lastValueFrom(sums.pipe(toArray()))).toEqual([11, 22, 33]);
  });

  it('fails a task whose arguments or result cannot cross the channel, and only that task', async () => {
    const executor = create();
    await expect(executor.submit((f: () => void) => typeof f, () => undefined)).rejects.toBeInstanceOf(SerializationError);
    await expect(executor.submit(() => () => 'a function')).rejects.toBeInstanceOf(SerializationError);
    await expect(executor.submit((n: number) => n + 1, 1)).resolves.toBe(2);
  });

  it('breaks when its worker dies: the running and queued futures fail, later submissions throw', async () => {
    const executor = create(1);
    const dying = executor.submit(() => process.exit(3));
    const queued = executor.submit((n: number) => n, 1);
    const error = await dying.exception(10_000);
    expect(error).toBeInstanceOf(BrokenChannelExecutor);
    expect(error).toBeInstanceOf(BrokenExecutor);
    await expect(queued.exception()).resolves.toBeInstanceOf(BrokenChannelExecutor);
    expect(executor.isBroken).toBe(true);
    expect(() => executor.submit((n: number) => n, 1)).toThrow(BrokenChannelExecutor);
    await executor.shutdown();
    expect(executor.workerRunning).toBe(false);
  });

  it('shuts its worker down once the work is done', async () => {
    const executor = create();
    const future = executor.submit((ms: number) => new Promise((resolve) => setTimeout(resolve, ms, 'slow')), 30);
    expect(executor.workerRunning).toBe(true);
    await executor.shutdown();
    expect([future.state, executor.workerRunning]).toEqual(['FINISHED', false]);
    expect(() => executor.submit((n: number) => n, 1)).toThrow(ExecutorShutdownError);
  });

  it('gives up a task that times out: its future fails, its place goes to the next task, shutdown still ends', async () => {
    const executor = create(1);
    const stuck = executor.submitWith({ timeout: 20 }, () => new Promise(() => {}));
    const next = executor.submit((n: number) => n * 2, 21);
    await expect(stuck.exception(10_000)).resolves.toBeInstanceOf(TimeoutError);
    await expect(next).resolves.toBe(42);
    await executor.shutdown();
    expect(executor.workerRunning).toBe(false);
  });
});
