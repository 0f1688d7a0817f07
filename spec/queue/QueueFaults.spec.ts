/**
 * Faults against a real redis-server of this suite's own (on a free port, data in a temporary folder): workers
 * killed mid-job, Redis restarted with and without persistence, paused, or gone for longer than connectionTimeout,
 * and an executor that misses more events than the stream keeps. Short lock and stall timings keep it quick.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { JobLostError, QueueConnectionError, WorkerLostError } from '../../src';
import { QueueExecutor, namedTask, runWorker } from '../../src/queue';
import type * as tasks from '../fixtures/queueTasks.cjs';
import { queueHarness, TASKS_MODULE, until } from './support/harness';
import { clientProcess, workerProcess, type Child } from './support/processes';
import { describeWithRedis } from './support/redis';
import { RedisServer } from './support/RedisServer';

const mark = namedTask<typeof tasks.mark>('mark');
const square = namedTask<typeof tasks.square>('square');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** lostWorkerTimeout of the worker processes: a lock of 1 s, a stalled-job check every 0.5 s. */
const LOST = 1000;

describeWithRedis('QueueExecutor faults', () => {
  let server: RedisServer;
  let dir: string;
  const children: Child[] = [];
  const { newQueue, executor, worker } = queueHarness({ connection: () => server.url });

  beforeAll(async () => {
    server = await RedisServer.start();
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rxf-faults-'));
  });
  afterEach(async () => {
    server.resume();
    await Promise.all(children.splice(0).map((child) => child.kill()));
    rmSync(dir, { recursive: true, force: true });
  });

  const spawnWorker = async (queue: string, options: Record<string, unknown> = {}) => {
    const child = await workerProcess({ queue, connection: server.url, pool: 'async', maxWorkers: 1, lostWorkerTimeout: LOST, ...options });
    children.push(child);
    return child;
  };
  const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

  it('a worker killed mid-job: the job runs again on another worker and the future gets its result once', async () => {
    const queue = newQueue('killed');
    const doomed = await spawnWorker(queue, { name: 'doomed' });
    const ex = executor(queue);
    const file = join(dir, 'runs');
    const future = ex.submit(mark, file, 1500, 'value');
    await until(() => future.running() && lines(file).length === 1);
    await doomed.kill('SIGKILL');
    await spawnWorker(queue, { name: 'survivor' });
    await expect(future.result(15_000)).resolves.toBe('value');
    expect(lines(file)).toEqual(['value', 'value']); // at least once: it ran on both
  });

  it('a batch spread over three worker processes, one killed mid-run: every future settles once with its value', async () => {
    const queue = newQueue('three');
    const machines = await Promise.all(['a', 'b', 'c'].map((name) => spawnWorker(queue, { name: `machine-${name}`, maxWorkers: 2 })));
    const ex = executor(queue);
    const file = join(dir, 'runs');
    const futures = Array.from({ length: 30 }, (_, i) => ex.submit(mark, file, 100, i));
    await until(() => lines(file).length >= 6);
    await machines[1]!.kill('SIGKILL');
    const settled: number[] = [];
    for (const future of futures) future.addDoneCallback(() => settled.push(1));
    await expect(Promise.all(futures.map((f) => f.result(20_000)))).resolves.toEqual(futures.map((_, i) => i));
    expect(settled).toHaveLength(30);
    const ran = new Set(lines(file).map(Number));
    expect(ran.size).toBe(30); // every task ran; those of the killed worker more than once
  });

  it('after maxStalledCount lost workers the future fails with WorkerLostError naming the last one', async () => {
    const queue = newQueue('lost');
    const doomed = await spawnWorker(queue, { name: 'doomed-worker', maxStalledCount: 0 });
    const ex = executor(queue);
    const future = ex.submit(mark, join(dir, 'runs'), 5000, 'never');
    await until(() => future.running());
    await doomed.kill('SIGKILL');
    await spawnWorker(queue, { name: 'checker', maxStalledCount: 0 });
    const error = await future.exception(15_000);
    expect(error).toBeInstanceOf(WorkerLostError);
    expect((error as WorkerLostError).workerName).toBe('doomed-worker');
  });

  it('Redis restarted without persistence: every pending future fails with JobLostError soon after the reconnect', async () => {
    const queue = newQueue('restart');
    const ex = executor(queue);
    const futures = [1, 2, 3].map((n) => ex.submit(square, n));
    await until(() => futures.every((f) => f.jobId !== undefined));
    await sleep(200); // the jobs are in Redis
    await server.kill();
    await server.launch();
    const started = Date.now();
    for (const future of futures) expect(await future.exception(10_000)).toBeInstanceOf(JobLostError);
    expect(Date.now() - started).toBeLessThan(10_000);
    // The executor goes on working on the fresh server.
    await worker(queue);
    await expect(ex.submit(square, 4).result(10_000)).resolves.toBe(16);
  });

  it('Redis restarted with persistence: the futures complete after the restart', async () => {
    const persistent = await RedisServer.start({ persist: true });
    const queue = newQueue('persist');
    const ex = new QueueExecutor({ queue, connection: persistent.url });
    try {
      const futures = [1, 2, 3].map((n) => ex.submit(square, n));
      const admin = new IORedis(persistent.url);
      await until(async () => (await admin.llen(`bull:${queue}:wait`)) === 3);
      admin.disconnect();
      await persistent.kill();
      await persistent.launch();
      const worker = await runWorker({ queue, connection: persistent.url, tasks: TASKS_MODULE, pool: 'async', log: () => undefined });
      await expect(Promise.all(futures.map((f) => f.result(10_000)))).resolves.toEqual([1, 4, 9]);
      await worker.close();
    } finally {
      await ex.shutdown({ timeout: 1000 });
      await persistent.stop();
    }
  });

  it('Redis unreachable for longer than connectionTimeout: pending futures and new submissions fail with QueueConnectionError', async () => {
    const queue = newQueue('gone');
    const ex = executor(queue, { connectionTimeout: 500 });
    const future = ex.submit(square, 2);
    await sleep(200);
    await server.kill();
    try {
      expect(await future.exception(10_000)).toBeInstanceOf(QueueConnectionError);
      expect(() => ex.submit(square, 3)).toThrow(QueueConnectionError);
      await ex.shutdown();
    } finally {
      await server.launch();
    }
  });

  it('a server paused for longer than connectionTimeout fails the futures instead of hanging', async () => {
    const queue = newQueue('paused');
    const ex = executor(queue, { connectionTimeout: 500 });
    await ex.submit(square, 1).exception(100).catch(() => undefined);
    const future = ex.submit(square, 2);
    await sleep(100);
    server.pause();
    try {
      expect(await future.exception(10_000)).toBeInstanceOf(QueueConnectionError);
    } finally {
      server.resume();
    }
  });

  it('a short outage loses nothing: a pause and a disconnect within connectionTimeout, every future completes', async () => {
    const queue = newQueue('short');
    // The kill may cut a reply: a job the worker's moveToActive script took, whose answer never came back, stays
    // active with nobody renewing its lock, and only the stalled-job check hands it out again (at least once, as
    // documented). With the default lostWorkerTimeout that is 30-45 s, past this test's bound: a short one here.
    await worker(queue, { maxWorkers: 4, lostWorkerTimeout: LOST });
    const ex = executor(queue, { connectionTimeout: 10_000 });
    const futures = Array.from({ length: 50 }, (_, i) => ex.submit(square, i));
    server.pause();
    await sleep(500);
    server.resume();
    const more = Array.from({ length: 50 }, (_, i) => ex.submit(square, 50 + i));
    const admin = new IORedis(server.url);
    await admin.client('KILL', 'TYPE', 'normal'); // every connection drops at once; ioredis reconnects
    admin.disconnect();
    const values = await Promise.all([...futures, ...more].map((f) => f.result(15_000)));
    expect(values).toEqual(Array.from({ length: 100 }, (_, i) => i * i));
  });

  it('an executor that misses more events than the stream keeps (paused past a 10,000-event flood) still settles every future', async () => {
    const queue = newQueue('flood');
    const client = clientProcess({ queue, connection: server.url }, 5);
    children.push(client);
    await client.line('submitted');
    client.process.kill('SIGSTOP');
    try {
      await worker(queue);
      const admin = new IORedis(server.url);
      const key = `bull:${queue}:events`;
      await until(async () => (await admin.zcard(`bull:${queue}:completed`)) === 5);
      // More events than BullMQ keeps (it trims the stream to about 10,000): the completions are trimmed away unread.
      for (let i = 0; i < 12; i++) {
        const pipeline = admin.pipeline();
        for (let j = 0; j < 1000; j++) pipeline.xadd(key, 'MAXLEN', '~', '10000', '*', 'event', 'progress', 'jobId', 'other');
        await pipeline.exec();
      }
      const first = (await admin.xrange(key, '-', '+', 'COUNT', 1))[0]![0];
      expect((await admin.xrange(key, '-', first)).some(([, fields]) => fields.includes('completed'))).toBe(false);
      admin.disconnect();
    } finally {
      client.process.kill('SIGCONT');
    }
    expect(await client.line('results')).toBe(`results ${JSON.stringify([0, 1, 4, 9, 16])}`);
  });
});
