/**
 * cancel() and aborts over the queue: a cancelled job never runs (even one a worker fetched ahead), and
 * submitWith({ signal, timeout }) stops a job running on a worker.
 */
import { getEventListeners } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancelledError, TimeoutError } from '../../src';
import { namedTask } from '../../src/queue';
import { queueHarness, until } from './support/harness';
import type * as tasks from '../fixtures/queueTasks.cjs';
import { describeWithRedis } from './support/redis';

const mark = namedTask<typeof tasks.mark>('mark');
const abortable = namedTask<typeof tasks.abortable>('abortable');
const sleepTask = namedTask<typeof tasks.sleep>('sleep');

describeWithRedis('QueueExecutor cancel and abort', () => {
  const { redis, newQueue, executor, worker } = queueHarness();
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rxf-cancel-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const setup = async (tag: string, pool: 'async' | 'threads' = 'async', startWorker = true, abortGraceMs = 1000) => {
    const queue = newQueue(tag);
    const ex = executor(queue);
    const start = async () => void (await worker(queue, { pool, abortGraceMs }));
    if (startWorker) await start();
    return { queue, ex, start };
  };
  const ran = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

  it('a job cancelled while it waits in Redis never runs, and is removed', async () => {
    const { queue, ex, start } = await setup('queued', 'async', false);
    const file = join(dir, 'ran');
    const cancelled = ex.submit(mark, file, 0, 'cancelled');
    await until(async () => (await redis.exists(`bull:${queue}:${cancelled.jobId}`)) === 1);
    expect(cancelled.cancel()).toBe(true);
    expect(cancelled.state).toBe('CANCELLED');
    await until(async () => (await redis.exists(`bull:${queue}:${cancelled.jobId}`)) === 0);
    await start();
    await expect(ex.submit(mark, file, 0, 'after').result(10_000)).resolves.toBe('after');
    expect(ran(file)).toEqual(['after']);
  });

  it('a job a worker fetched ahead (waiting for a place in its pool) never runs once cancelled', async () => {
    const { queue, ex } = await setup('ahead');
    const file = join(dir, 'ran');
    const running = ex.submit(mark, file, 800, 'running');
    const ahead = ex.submit(mark, file, 0, 'ahead');
    // The worker (pool of 1) holds both: one running, one fetched ahead in BullMQ's active list.
    await until(async () => (await redis.lrange(`bull:${queue}:active`, 0, -1)).includes(ahead.jobId) && running.running());
    expect(ahead.cancel()).toBe(true);
    await expect(running.result(10_000)).resolves.toBe('running');
    await expect(ex.submit(mark, file, 0, 'next').result(10_000)).resolves.toBe('next');
    expect(ran(file)).toEqual(['running', 'next']);
    await until(async () => (await redis.exists(`bull:${queue}:${ahead.jobId}`)) === 0);
    await expect(ahead.result()).rejects.toBeInstanceOf(CancelledError);
  });

  it('the start gate is atomic: once a job is marked cancelled no worker starts it, and once started it cannot be marked', async () => {
    const { queue, ex } = await setup('gate', 'async', false);
    const job = ex.submit(mark, join(dir, 'x'), 0, 'x');
    const key = `bull:${queue}:${job.jobId}`;
    await until(async () => (await redis.exists(key)) === 1);
    // The executor's scripts, called directly on its connection (as the worker and the client do).
    type Scripts = { rxfCancelJob(k: string): Promise<number>; rxfStartJobs(n: number, ...keysThenArgs: string[]): Promise<number[]> };
    const client = (ex as unknown as { client: Scripts }).client;
    const events = `bull:${queue}:events`;
    const start = (...ids: string[]) => client.rxfStartJobs(ids.length + 1, events, ...ids.map((id) => `bull:${queue}:${id}`), 'w1', ...ids);
    expect(await client.rxfCancelJob(key)).toBe(1);
    expect(await start(job.jobId)).toEqual([0]);
    await redis.hdel(key, 'rxg');
    expect(await start(job.jobId)).toEqual([1]);
    expect(await client.rxfCancelJob(key)).toBe(0);
    expect(await start('missing')).toEqual([-1]);
    expect(await redis.exists(`bull:${queue}:missing`)).toBe(0);
    // Several gates in one call: each job's verdict, in order, as if each had its own call.
    await redis.hset(key, 'rxg', 'c');
    expect(await start('missing', job.jobId, 'missing-too')).toEqual([-1, 0, -1]);
    await redis.hdel(key, 'rxg');
    expect(await start('missing', job.jobId)).toEqual([-1, 1]);
    expect(await redis.hget(key, 'rxw')).toBe('w1');
    job.cancel();
  });

  it('a worker uses a job\'s abort controller again only when it never fired and nothing watches it any more', async () => {
    const queue = newQueue('controllers');
    const ex = executor(queue);
    const started = await worker(queue, { pool: 'threads' }); // the task's own signal comes from its thread
    const free = (started as unknown as { controllers: { free: AbortController[] } }).controllers.free;
    for (let i = 0; i < 5; i++) await expect(ex.submit(namedTask<typeof tasks.square>('square'), i).result(10_000)).resolves.toBe(i * i);
    expect(free.length).toBeGreaterThan(0);
    for (const controller of free) {
      expect(controller.signal.aborted).toBe(false);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    }
    // A job stopped by its client: its controller fired, and the jobs after it run as if nothing happened.
    const controller = new AbortController();
    const stopped = ex.submitWith({ signal: controller.signal }, abortable, join(dir, 'stopped'), 20_000);
    await until(() => stopped.running());
    controller.abort(new Error('enough'));
    expect(((await stopped.exception(10_000)) as Error).message).toBe('enough');
    await until(() => existsSync(join(dir, 'stopped')) && readFileSync(join(dir, 'stopped'), 'utf8') === 'aborted');
    for (let i = 0; i < 5; i++) await expect(ex.submit(namedTask<typeof tasks.square>('square'), i).result(10_000)).resolves.toBe(i * i);
    expect(free.every((kept) => !kept.signal.aborted)).toBe(true);
  });

  it('submitWith({ signal }) stops a job running on a worker: its task sees the abort', async () => {
    const { ex } = await setup('signal', 'threads');
    const file = join(dir, 'outcome');
    await ex.submit(abortable, join(dir, 'warm-up'), 1).result(10_000); // the thread has loaded the tasks module
    const controller = new AbortController();
    const future = ex.submitWith({ signal: controller.signal }, abortable, file, 20_000);
    await until(() => future.running());
    controller.abort(new Error('enough'));
    expect(((await future.exception(1000)) as Error).message).toBe('enough');
    // The task's thread creates the file, then writes it: wait for the text, not just the file.
    await until(() => existsSync(file) && readFileSync(file, 'utf8') !== '');
    expect(readFileSync(file, 'utf8')).toBe('aborted');
  });

  it('submitWith({ timeout }) counts from the job’s start and stops it on the worker', async () => {
    const { ex } = await setup('timeout', 'threads');
    const file = join(dir, 'outcome');
    await ex.submit(abortable, join(dir, 'warm-up'), 1).result(10_000); // the thread has loaded the tasks module
    const future = ex.submitWith({ timeout: 300 }, abortable, file, 20_000);
    expect(await future.exception(10_000)).toBeInstanceOf(TimeoutError);
    await until(() => existsSync(file));
    expect(readFileSync(file, 'utf8')).toBe('aborted');
  });

  it('a running task that ignores the abort is killed after the grace period, freeing its worker', async () => {
    const { queue, ex } = await setup('kill', 'threads', true, 200);
    const controller = new AbortController();
    const stuck = ex.submitWith({ signal: controller.signal }, sleepTask, 20_000, 'late');
    await until(() => stuck.running());
    controller.abort(new Error('stop'));
    // The worker's pool has one thread: the next job can only run once the stuck one was killed.
    await expect(ex.submit(sleepTask, 1, 'next').result(10_000)).resolves.toBe('next');
    await until(async () => (await redis.exists(`bull:${queue}:${stuck.jobId}`)) === 0);
  });
});
