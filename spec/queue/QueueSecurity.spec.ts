/**
 * A queue is not a remote shell: whoever can write to the queue must not run code on the workers. Each test tries
 * to make a worker run a task that would write a marker file, and checks the file never appears.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { QueueConnectionError, TaskRefusedError } from '../../src';
import { QueueExecutor, namedTask, runWorker } from '../../src/queue';
import { queueHarness, TASKS_MODULE as tasksModule } from './support/harness';
import type * as tasks from '../fixtures/queueTasks.cjs';
import { describeWithRedis, REDIS_URL } from './support/redis';

const mark = namedTask<typeof tasks.mark>('mark');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithRedis('QueueExecutor security', () => {
  const { redis, newQueue, executor, worker } = queueHarness();
  let dir: string;
  let marker: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rxf-security-'));
    marker = join(dir, 'marker');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** An inline task that would leave the marker file if it ever ran. */
  const writeMarker = (file: string) => require('node:fs').writeFileSync(file, 'ran') as void;

  it('refuses an inline task from a client with a wrong secret or none; the marker never appears', async () => {
    const queue = newQueue();
    await worker(queue, { secret: 'right', allowInline: true });
    const wrong = await executor(queue, { secret: 'wrong' }).submit(writeMarker, marker).exception(10_000);
    const none = await executor(queue).submit(writeMarker, marker).exception(10_000);
    expect(wrong).toBeInstanceOf(TaskRefusedError);
    expect(none).toBeInstanceOf(TaskRefusedError);
    // The signed client's task does run: the refusals were the signature's doing.
    await expect(executor(queue, { secret: 'right' }).submit((n: number) => n + 1, 1).result(10_000)).resolves.toBe(2);
    await sleep(100);
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses inline tasks on a worker without allowInline, even signed ones', async () => {
    const queue = newQueue();
    await worker(queue, { secret: 'right' });
    const ex = executor(queue, { secret: 'right' });
    expect(await ex.submit(writeMarker, marker).exception(10_000)).toBeInstanceOf(TaskRefusedError);
    await expect(ex.submit(mark, join(dir, 'named'), 0, 'named').result(10_000)).resolves.toBe('named');
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses a forged job added with plain BullMQ, signed or not, and a job in another shape', async () => {
    const queue = newQueue();
    await worker(queue, { secret: 'right' });
    const plain = new Queue(queue, { connection: { url: REDIS_URL } });
    const forged = [
      await plain.add('mark', { v: 2, t: 'mark', c: 0, a: Buffer.from(require('node:v8').serialize([marker, 0, 'x'])).toString('base64'), x: Date.now() + 60_000, h: 'ab'.repeat(32) }),
      await plain.add('mark', { v: 2, t: 'mark', c: 0, a: 'AAAA', x: Date.now() + 60_000 }),
      await plain.add('(inline)', { v: 2, t: '', s: `() => require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`, c: 0, a: 'AAAA', x: Date.now() + 60_000 }),
      await plain.add('mark', [marker, 0, 'x']),
    ];
    for (const job of forged) {
      for (let i = 0; i < 500 && (await job.getState()) !== 'failed'; i++) await sleep(10);
      expect(await job.getState()).toBe('failed');
      expect(await redis.hget(`bull:${queue}:${job.id}`, 'failedReason')).toMatch(/refused/);
    }
    await plain.close();
    expect(existsSync(marker)).toBe(false);
  });

  it('without a secret, a worker runs named tasks only and says at start that any client can call them', async () => {
    const queue = newQueue();
    const lines: string[] = [];
    await worker(queue, { log: (line) => lines.push(line) });
    expect(lines.join('\n')).toMatch(/no secret.*any client/);
    const ex = executor(queue);
    expect(await ex.submit(writeMarker, marker).exception(10_000)).toBeInstanceOf(TaskRefusedError);
    await expect(ex.submit(mark, join(dir, 'named'), 0, 'ok').result(10_000)).resolves.toBe('ok');
    await expect(runWorker({ queue, tasks: tasksModule, allowInline: true })).rejects.toThrow(TypeError);
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses unknown task names, expired jobs and oversized payloads', async () => {
    const queue = newQueue();
    const ex = executor(queue, { secret: 's', jobExpiryMs: 1 });
    const expired = ex.submit(mark, marker, 0, 'late');
    await sleep(20);
    await worker(queue, { secret: 's', maxPayloadBytes: 500 });
    expect(await expired.exception(10_000)).toBeInstanceOf(TaskRefusedError);
    const fresh = executor(queue, { secret: 's' });
    const unknown = await fresh.submit(namedTask<() => void>('notAFunction')).exception(10_000);
    expect(unknown).toBeInstanceOf(TaskRefusedError);
    expect(await fresh.submit(mark, marker, 0, 'x'.repeat(1000)).exception(10_000)).toBeInstanceOf(TaskRefusedError);
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses a replay: the same signed job added again after it ran', async () => {
    const queue = newQueue();
    await worker(queue, { secret: 's' });
    const ex = executor(queue, { secret: 's' });
    const first = ex.submit(mark, marker, 0, 'once');
    const jobKey = `bull:${queue}:${first.jobId}`;
    let data: string | null = null;
    for (let i = 0; i < 500 && data === null; i++) {
      data = await redis.hget(jobKey, 'data');
      if (data === null) await sleep(5);
    }
    await expect(first.result(10_000)).resolves.toBe('once');
    for (let i = 0; i < 500 && (await redis.exists(jobKey)) === 1; i++) await sleep(10);
    const plain = new Queue(queue, { connection: { url: REDIS_URL } });
    const replayed = await plain.add('mark', JSON.parse(data!), { jobId: first.jobId });
    for (let i = 0; i < 500 && (await replayed.getState()) !== 'failed'; i++) await sleep(10);
    expect(await redis.hget(jobKey, 'failedReason')).toMatch(/replay/);
    await plain.close();
    expect(require('node:fs').readFileSync(marker, 'utf8')).toBe('once\n');
  });

  it('with a secret, accepts only outcomes its workers sealed for that job: not those of a worker without it, nor a result copied from another job', async () => {
    const queue = newQueue();
    const ex = executor(queue, { secret: 'right' });
    const sealedWorker = await runWorker({ queue, connection: REDIS_URL, tasks: tasksModule, pool: 'async', secret: 'right', log: () => undefined });
    await expect(ex.submit(mark, join(dir, 'a'), 0, 'genuine').result(10_000)).resolves.toBe('genuine');
    await sealedWorker.close();
    // A genuine sealed result, as the events stream still shows it.
    const events = await redis.xrange(`bull:${queue}:events`, '-', '+');
    const genuine = events.map(([, fields]) => fields).find((fields) => fields[1] === 'completed')!;
    const sealed = genuine[genuine.indexOf('returnvalue') + 1]!;
    expect(JSON.parse(sealed)).toMatch(/^[0-9a-f]{64}\./);

    // A worker of the queue that returns that result for another job: refused (the seal names the job it was made for).
    const rogue = new Worker(queue, async () => JSON.parse(sealed) as string, { connection: { url: REDIS_URL } });
    rogue.on('error', () => undefined);
    try {
      expect(await ex.submit(mark, join(dir, 'b'), 0, 'copied').exception(10_000)).toBeInstanceOf(TaskRefusedError);
    } finally {
      await rogue.close();
    }

    // A worker without the secret runs named tasks, but its values and errors are refused.
    const unsealed = await runWorker({ queue, connection: REDIS_URL, tasks: tasksModule, pool: 'async', log: () => undefined });
    try {
      expect(await ex.submit(mark, join(dir, 'c'), 0, 'unsealed').exception(10_000)).toBeInstanceOf(TaskRefusedError);
      expect(await ex.submit(namedTask<() => void>('notAFunction')).exception(10_000)).toBeInstanceOf(TaskRefusedError);
      // An executor without a secret takes them as they are.
      await expect(executor(queue).submit(mark, join(dir, 'd'), 0, 'plain').result(10_000)).resolves.toBe('plain');
    } finally {
      await unsealed.close();
    }
  });

  it('never shows a password in an error or a log line', async () => {
    const ex = new QueueExecutor({ queue: 'q', connection: 'redis://app:pa55word@127.0.0.1:1', connectionTimeout: 100 });
    const error = await ex.submit(mark, marker, 0, 'x').exception(10_000);
    expect(error).toBeInstanceOf(QueueConnectionError);
    expect(String((error as Error).message)).not.toContain('pa55word');
    expect(String((error as Error).message)).toContain('redis://app:***@127.0.0.1:1');
    expect(() => ex.submit(mark, marker, 0, 'x')).toThrow(QueueConnectionError);
    await ex.shutdown();
    expect(() => new QueueExecutor({ queue: 'q', connection: 'redis://app:pa55word@[bad' })).toThrow(/^(?!.*pa55word)/);
    const lines: string[] = [];
    const queue = newQueue();
    await worker(queue, { connection: { host: '127.0.0.1', port: Number(new URL(REDIS_URL).port || 6379) }, secret: 'topsecret', log: (line) => lines.push(line) });
    expect(lines.join('\n')).not.toContain('topsecret');
  });
});
