/**
 * Retries on the queue: without `retryIf`, BullMQ's own attempts and backoff (one job, run again by BullMQ); with a
 * `retryIf` (or a `maxDelay`, which BullMQ lacks), the submitter decides and sends each attempt as a job of its own.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancelledError, TaskRefusedError, TimeoutError } from '../../src';
import { namedTask } from '../../src/queue';
import { RETRY_EVENT } from '../../src/queue/queueScripts';
import { queueHarness, until } from './support/harness';
import type * as tasks from '../fixtures/queueTasks.cjs';
import { describeWithRedis } from './support/redis';

const failTimes = namedTask<typeof tasks.failTimes>('failTimes');
const slowFirst = namedTask<typeof tasks.slowFirst>('slowFirst');

describeWithRedis('QueueExecutor: retries', () => {
  const harness = queueHarness();
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rxf-qretry-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const runs = (file: string) => (existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0);
  /** The RETRY_EVENTs in the queue's events stream, by job id. */
  const retryEvents = async (queue: string) => {
    const entries = await harness.redis.xrange(`bull:${queue}:events`, '-', '+');
    return entries.filter(([, fields]) => fields[1] === RETRY_EVENT).map(([, fields]) => fields[3]);
  };

  it('without retryIf, BullMQ runs the one job again: the future settles with the last attempt', async () => {
    const queue = harness.newQueue('native');
    await harness.worker(queue);
    const file = join(dir, 'runs');
    const future = harness.executor(queue).submitWith({ retries: 2, backoff: 20 }, failTimes, file, 2, 'third time');
    expect(await future.result()).toBe('third time');
    expect(future.attempts).toBe(3);
    expect(runs(file)).toBe(3);
    expect(await retryEvents(queue)).toEqual([future.jobId, future.jobId]); // one job, retried twice by BullMQ
  }, 20_000);

  it('stays pending until the last attempt, then fails with its error', async () => {
    const queue = harness.newQueue('native-fail');
    await harness.worker(queue);
    const file = join(dir, 'runs');
    const future = harness.executor(queue).submitWith({ retries: 1, backoff: { type: 'exponential', delay: 20 } }, failTimes, file, 5, 'never');
    const error = await future.result().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toBe('run 2 fails');
    expect(future.attempts).toBe(2);
    expect(runs(file)).toBe(2);
  }, 20_000);

  it('retries an attempt that timed out', async () => {
    const queue = harness.newQueue('native-timeout');
    await harness.worker(queue, { abortGraceMs: 50 });
    const file = join(dir, 'runs');
    const future = harness.executor(queue).submitWith({ retries: 1, timeout: 300 }, slowFirst, file, 1500);
    expect(await future.result()).toBe('fast');
    expect(future.attempts).toBe(2);
  }, 20_000);

  it('fails with the timeout when the last attempt times out', async () => {
    const queue = harness.newQueue('native-timeout-last');
    await harness.worker(queue, { abortGraceMs: 50 });
    const file = join(dir, 'runs');
    const future = harness.executor(queue).submitWith({ retries: 0, timeout: 200 }, slowFirst, file, 1500);
    await expect(future.result()).rejects.toBeInstanceOf(TimeoutError);
  }, 20_000);

  it('cancel() during the backoff wait succeeds, and the job never runs again', async () => {
    const queue = harness.newQueue('native-cancel');
    await harness.worker(queue);
    const file = join(dir, 'runs');
    const future = harness.executor(queue).submitWith({ retries: 3, backoff: 60_000 }, failTimes, file, 5, 'never');
    await until(() => future.attempts === 1 && future.state === 'PENDING');
    expect(future.cancel()).toBe(true);
    await expect(future.result()).rejects.toBeInstanceOf(CancelledError);
    await until(async () => (await harness.redis.exists(`bull:${queue}:${future.jobId}`)) === 0); // removed from the delayed set
    expect(runs(file)).toBe(1);
  }, 20_000);

  it('never retries a job its worker refused', async () => {
    const queue = harness.newQueue('native-refused');
    await harness.worker(queue);
    const missing = namedTask<() => string>('noSuchTask');
    const future = harness.executor(queue).submitWith({ retries: 2 }, missing);
    await expect(future.result()).rejects.toBeInstanceOf(TaskRefusedError);
    const entries = await harness.redis.xrange(`bull:${queue}:events`, '-', '+');
    const events = entries.filter(([, fields]) => fields[3] === future.jobId).map(([, fields]) => fields[1]);
    expect(events.filter((event) => event === 'active')).toHaveLength(1); // handed out once: BullMQ did not retry it
  }, 20_000);

  it('with retryIf, the submitter decides and sends each attempt as a job of its own', async () => {
    const queue = harness.newQueue('resubmit');
    await harness.worker(queue);
    const file = join(dir, 'runs');
    const seen: unknown[] = [];
    const future = harness.executor(queue).submitWith(
      { retries: 2, retryIf: (error) => (seen.push(error), true) },
      failTimes,
      file,
      1,
      'second time',
    );
    expect(await future.result()).toBe('second time');
    expect(future.attempts).toBe(2);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(RangeError);
    expect(await retryEvents(queue)).toEqual([]);
  }, 20_000);

  it('with a maxDelay, which BullMQ has not, the submitter resubmits too', async () => {
    const queue = harness.newQueue('resubmit-max');
    await harness.worker(queue);
    const file = join(dir, 'runs');
    const backoff = { type: 'exponential', delay: 10, maxDelay: 20 } as const;
    const future = harness.executor(queue).submitWith({ retries: 2, backoff }, failTimes, file, 2, 'third time');
    expect(await future.result()).toBe('third time');
    expect(future.attempts).toBe(3);
    expect(await retryEvents(queue)).toEqual([]);
  }, 20_000);
});
