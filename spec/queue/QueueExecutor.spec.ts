import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { from, lastValueFrom, toArray } from 'rxjs';
import { asCompleted, JobLostError, SerializationError } from '../../src';
import { mapOrdered } from '../../operators';
import { QueueExecutor, namedTask } from '../../src/queue';
import { queueHarness, TASKS_MODULE as tasksModule, until } from './support/harness';
import { moduleTask } from '../../src';
import type * as tasks from '../fixtures/queueTasks.cjs';
import { describeWithRedis } from './support/redis';
import { taskContextInUse } from '../../src/internal/taskContext';

const secret = 'spec-secret';
const square = namedTask<typeof tasks.square>('square');
const echo = namedTask<(value: unknown) => unknown>('echo');
const mark = namedTask<typeof tasks.mark>('mark');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithRedis('QueueExecutor', () => {
  const { redis, newQueue, executor, worker } = queueHarness({
    executor: { secret },
    worker: { secret, allowInline: true, maxWorkers: 2 },
  });

  it('runs named tasks (exports of the workers’ tasks module) and inline functions', async () => {
    const queue = newQueue('named');
    await worker(queue);
    const ex = executor(queue);
    await expect(ex.submit(square, 12).result(10_000)).resolves.toBe(144);
    await expect(ex.submit((a: number, b: number) => a * b, 6, 7).result(10_000)).resolves.toBe(42);
    await expect(ex.submit(namedTask<typeof tasks.add>('add'), 1, 2).result(10_000)).resolves.toBe(3);
  });

  it('round-trips values with the fidelity of the process pool', async () => {
    const queue = newQueue('values');
    await worker(queue);
    const ex = executor(queue);
    const value = {
      map: new Map<unknown, unknown>([[1n, new Set(['a', 'b'])]]),
      date: new Date(86_400_000),
      big: 2n ** 70n,
      bytes: new Uint8Array([1, 2, 255]),
      floats: new Float64Array([0.5, -1]),
      nested: [undefined, null, Number.NaN, -0, 'text', { deep: [1, 2] }],
      regexp: /ab+c/gi,
    };
    const back = (await ex.submit(echo, value).result(10_000)) as typeof value;
    // Jest's sandbox has its own Map/Set/Date classes: compare through the values' own methods and tags.
    const tag = (x: unknown) => Object.prototype.toString.call(x);
    expect([tag(back.map), tag(back.date), tag(back.bytes), tag(back.floats), tag(back.regexp)]).toEqual([
      '[object Map]', '[object Date]', '[object Uint8Array]', '[object Float64Array]', '[object RegExp]',
    ]);
    const set = back.map.get(1n) as Set<string>;
    expect([tag(set), set.has('a'), set.has('b'), set.size]).toEqual(['[object Set]', true, true, 2]);
    expect([back.date.getTime(), back.big, Array.from(back.bytes), Array.from(back.floats)]).toEqual([86_400_000, 2n ** 70n, [1, 2, 255], [0.5, -1]]);
    expect([back.regexp.source, back.regexp.flags]).toEqual(['ab+c', 'gi']);
    expect(back.nested.slice(0, 3)).toEqual([undefined, null, Number.NaN]);
    expect(Object.is(back.nested[3], -0)).toBe(true);
    expect(back.nested.slice(4)).toEqual(['text', { deep: [1, 2] }]);
  });

  it('fails a future with the task’s error: class, message, own properties, cause and the worker’s stack', async () => {
    const queue = newQueue('errors');
    await worker(queue);
    const ex = executor(queue);
    const error = (await ex.submit(namedTask<typeof tasks.fail>('fail'), 'nope').exception(10_000)) as RangeError & {
      code: string;
    };
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toBe('nope');
    expect(error.code).toBe('E_TASK');
    expect(error.cause).toBeInstanceOf(TypeError);
    expect((error.cause as Error).message).toBe('the cause');
    expect(error.stack).toContain('queueTasks.cjs');
    const custom = (await ex.submit(namedTask<typeof tasks.failWithCustomClass>('failWithCustomClass'), 'domain').exception(10_000)) as Error & { detail: unknown };
    expect(custom).toBeInstanceOf(Error);
    expect(custom.name).toBe('DomainError');
    expect(custom.detail).toEqual({ at: 3 });
    const thrown = await ex.submit(() => {
      throw 'a string'; // eslint-disable-line no-throw-literal
    }).exception(10_000);
    expect(thrown).toBe('a string');
    await expect(ex.submit(square, 3).result(10_000)).resolves.toBe(9);
  });

  it('captures the arguments at submit: later changes do not travel', async () => {
    const queue = newQueue('capture');
    const ex = executor(queue);
    const list = [1, 2, 3];
    const future = ex.submit(echo, list);
    list.push(4);
    list[0] = 100;
    await worker(queue);
    await expect(future.result(10_000)).resolves.toEqual([1, 2, 3]);
  });

  it('gives each future its job id at once, the id of its job in Redis', async () => {
    const queue = newQueue('ids');
    const ex = executor(queue);
    const futures = [ex.submit(square, 1), ex.submit(square, 2)];
    const [a, b] = futures.map((f) => f.jobId);
    expect(typeof a).toBe('string');
    expect(a).not.toBe(b);
    for (let i = 0; i < 200 && (await redis.exists(`bull:${queue}:${a}`)) === 0; i++) await sleep(10);
    expect(await redis.hget(`bull:${queue}:${a}`, 'name')).toBe('square');
    await worker(queue);
    await Promise.all(futures.map((f) => f.result(10_000)));
  });

  it('removes each result from Redis once its future has it', async () => {
    const queue = newQueue('cleanup');
    await worker(queue);
    const ex = executor(queue);
    const futures = Array.from({ length: 40 }, (_, i) => ex.submit(square, i));
    futures.push(ex.submit(namedTask<typeof tasks.fail>('fail'), 'x') as never);
    await Promise.all(futures.map((f) => f.exception(10_000)));
    const keys = futures.map((f) => `bull:${queue}:${f.jobId}`);
    let left = keys.length;
    for (let i = 0; i < 200 && left > 0; i++) {
      await sleep(10);
      left = await redis.exists(...keys);
    }
    expect(left).toBe(0);
    expect(await redis.zcard(`bull:${queue}:completed`)).toBe(0);
    expect(await redis.zcard(`bull:${queue}:failed`)).toBe(0);
  });

  it('settles every future from one subscription: two connections per executor, however many jobs', async () => {
    const queue = newQueue('one-reader');
    const ex = executor(queue);
    const futures = Array.from({ length: 300 }, (_, i) => ex.submit(square, i));
    await sleep(200);
    const clients = (await redis.client('LIST')) as string;
    const prefix = `name=rxfutures:${futures[0]!.jobId.split('-')[0]}-`;
    expect(clients.split('\n').filter((line) => line.includes(prefix))).toHaveLength(2);
    await worker(queue, { maxWorkers: 8 });
    const values = await Promise.all(futures.map((f) => f.result(20_000)));
    expect(values).toEqual(futures.map((_, i) => i * i));
  });

  it('an async worker keeps its tasks’ context on between jobs, and lets it go when it closes', async () => {
    const queue = newQueue();
    const running = await worker(queue);
    const ex = executor(queue);
    for (let i = 0; i < 2; i++) {
      await expect(ex.submit(square, i).result(10_000)).resolves.toBe(i * i);
      await new Promise((resolve) => setImmediate(resolve));
      expect(taskContextInUse()).toBe(true);
    }
    await running.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(taskContextInUse()).toBe(false);
  });

  it('a job whose start gate went out at fetch runs without waiting for BullMQ to hand it to the processor', async () => {
    const queue = newQueue();
    const running = await worker(queue);
    const file = join(tmpdir(), `rxf-early-${process.pid}-${Date.now()}`);
    // BullMQ calls the worker's processor only after its next fetch. Held here until the task has run: the job must
    // not need the processor to start (it would never finish, and the wait below would fail the job).
    const inside = running as unknown as { process(job: unknown, token: unknown): Promise<string> };
    const processor = inside.process.bind(inside);
    inside.process = async (job, token) => {
      await until(() => existsSync(file), 5000);
      return processor(job, token);
    };
    const ex = executor(queue);
    try {
      await expect(ex.submit(mark, file, 0, 'ran').result(10_000)).resolves.toBe('ran');
      expect(readFileSync(file, 'utf8')).toBe('ran\n');
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('map() sends one job per chunk and yields in order', async () => {
    const queue = newQueue('map');
    await worker(queue);
    const ex = executor(queue);
    const input = Array.from({ length: 1000 }, (_, i) => i);
    const out: number[] = [];
    for await (const value of ex.map(square, input, { chunksize: 128 })) out.push(value);
    expect(out).toEqual(input.map((n) => n * n));
    expect(Number(await redis.get(`bull:${queue}:id`))).toBe(8); // BullMQ counts the jobs added: ceil(1000 / 128)
  });

  it('works unchanged with the operators: mapOrdered and asCompleted over queue futures', async () => {
    const queue = newQueue('operators');
    await worker(queue);
    const ex = executor(queue);
    const ordered = await lastValueFrom(from([5, 1, 3]).pipe(mapOrdered(ex, square, { maxInFlight: 2 }), toArray()));
    expect(ordered).toEqual([25, 1, 9]);
    const futures = [4, 2].map((n) => ex.submit(square, n));
    const settled = await lastValueFrom(asCompleted(futures).pipe(toArray()));
    expect(new Set(await Promise.all(settled))).toEqual(new Set([16, 4]));
  });

  it('a job that completes right after the executor is constructed settles its future', async () => {
    const queue = newQueue('early');
    await worker(queue);
    for (let i = 0; i < 5; i++) {
      const ex = executor(queue);
      await expect(ex.submit(square, i).result(10_000)).resolves.toBe(i * i);
    }
  });

  it('futureOf() re-attaches to a job submitted earlier, and fails with JobLostError once its result was read', async () => {
    const queue = newQueue('attach');
    const first = executor(queue);
    const submitted = first.submit(square, 9);
    const jobId = submitted.jobId;
    await worker(queue);
    // Another executor (say, after the submitting process restarted) attaches before and after the job ends.
    const again = executor(queue).futureOf<number>(jobId);
    expect(again.jobId).toBe(jobId);
    await expect(again.result(10_000)).resolves.toBe(81);
    await expect(submitted.result(10_000)).resolves.toBe(81);
    for (let i = 0; i < 200 && (await redis.exists(`bull:${queue}:${jobId}`)) === 1; i++) await sleep(10);
    const late = executor(queue).futureOf(jobId);
    expect(await late.exception(10_000)).toBeInstanceOf(JobLostError);
    expect(((await late.exception()) as JobLostError).jobId).toBe(jobId);
  });

  it('refuses what no worker could run, at submit', async () => {
    const ex = executor(newQueue('refuse'), { maxPayloadBytes: 1000 });
    expect(() => ex.submit(moduleTask(tasksModule, 'square') as never, 2)).toThrow(TypeError);
    expect(() => ex.submit(echo, 'x'.repeat(2000))).toThrow(RangeError);
    const unsendable = ex.submit(echo, () => 1);
    expect(await unsendable.exception(1000)).toBeInstanceOf(SerializationError);
    expect(() => new QueueExecutor({ queue: 'a:b' })).toThrow(TypeError);
    expect(() => new QueueExecutor({ queue: 'q', connection: 'http://x' })).toThrow(TypeError);
    expect(() => new QueueExecutor(undefined as never)).toThrow(TypeError);
  });
});
