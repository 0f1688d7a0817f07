/**
 * reportProgress() in a task a queue worker runs, future.progress on the submitting side: through BullMQ's job
 * progress and the queue's events stream, throttled on the worker, sealed with the secret.
 */
import { serialize } from 'node:v8';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { namedTask } from '../../src/queue';
import { queueHarness } from './support/harness';
import { workerProcess, type Child } from './support/processes';
import type * as tasks from '../fixtures/queueTasks.cjs';
import { describeWithRedis, REDIS_URL } from './support/redis';

const steps = namedTask<typeof tasks.steps>('steps');
const flood = namedTask<typeof tasks.flood>('flood');
const unsendable = namedTask<typeof tasks.unsendableProgress>('unsendableProgress');
const secret = 'progress-secret';

describeWithRedis('QueueExecutor: progress', () => {
  // Threads: the tasks load rxfutures from the built package, as the worker runtime in each thread does, so their
  // reportProgress reaches the thread's task context.
  const harness = queueHarness({ executor: { secret }, worker: { pool: 'threads', secret } });

  it('carries reported values to future.progress while the task runs, the last one before the result', async () => {
    const queue = harness.newQueue('progress');
    await harness.worker(queue);
    const future = harness.executor(queue).submit(steps, 10, 60);
    const seen = lastValueFrom(future.progress.pipe(toArray()));
    await firstValueFrom(future.progress);
    expect(future.done()).toBe(false); // the bar moves within the task, not only when it ends
    expect(await future.result()).toBe('done');
    const values = (await seen) as number[];
    expect(values.length).toBeGreaterThan(1);
    expect(values[values.length - 1]).toBe(1);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
  }, 20_000);

  it('sends only the latest values of a flood, and the last one', async () => {
    const queue = harness.newQueue('flood');
    await harness.worker(queue);
    const count = 200_000;
    const future = harness.executor(queue).submit(flood, count);
    const seen = lastValueFrom(future.progress.pipe(toArray()));
    expect(await future.result()).toBe(count);
    const values = (await seen) as number[];
    expect(values[values.length - 1]).toBe(count - 1);
    expect(values.length).toBeLessThan(1000);
    const events = await harness.redis.xrange(`bull:${queue}:events`, '-', '+');
    const progressEvents = events.filter(([, fields]) => fields[1] === 'progress');
    expect(progressEvents.length).toBeLessThan(1000);
  }, 20_000);

  it('gives a late subscriber the latest value, then completes', async () => {
    const queue = harness.newQueue('late');
    await harness.worker(queue);
    const future = harness.executor(queue).submit(steps, 3, 10);
    await future.result();
    expect(await lastValueFrom(future.progress.pipe(toArray()))).toEqual([1]);
  }, 20_000);

  it('ignores a progress event that is not sealed with the secret', async () => {
    const queue = harness.newQueue('forged');
    await harness.worker(queue);
    const future = harness.executor(queue).submit(steps, 2, 400);
    const seen = lastValueFrom(future.progress.pipe(toArray()));
    await firstValueFrom(future.progress);
    const forged = JSON.stringify(serialize('forged').toString('base64')); // a valid value, but unsealed
    await harness.redis.xadd(`bull:${queue}:events`, '*', 'event', 'progress', 'jobId', future.jobId, 'data', forged);
    await future.result();
    expect(await seen).toEqual([0.5, 1]);
  }, 20_000);

  describe('a worker whose tasks run on its event loop', () => {
    let child: Child | undefined;
    afterEach(async () => {
      await child?.kill('SIGTERM');
      child = undefined;
    });

    it('drops a value the codec cannot send, and the task goes on', async () => {
      const queue = harness.newQueue('unsendable');
      child = await workerProcess({ queue, connection: REDIS_URL, pool: 'async', maxWorkers: 1, secret });
      const future = harness.executor(queue).submit(unsendable, 100);
      const seen = lastValueFrom(future.progress.pipe(toArray()));
      expect(await future.result()).toBe('sent');
      expect(await seen).toEqual([{ half: 0.5 }]);
    }, 20_000);
  });
});
