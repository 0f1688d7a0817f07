/**
 * The bookkeeping every queue spec needs: a queue name per test, executors and workers made for it, and all of
 * them shut down, closed and obliterated after each test.
 */
import { join } from 'node:path';
import { QueueExecutor, runWorker, type QueueConnection, type QueueExecutorOptions, type QueueWorker, type RunWorkerOptions } from '../../../src/queue';
import { obliterate, queueName, redisClient, REDIS_URL } from './redis';

/** The tasks module of the specs' workers. */
export const TASKS_MODULE = join(__dirname, '../../fixtures/queueTasks.cjs');

/** Waits until `check` holds (polling), or throws after `ms`. */
export async function until(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !(await check()); ) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Registers the afterEach/afterAll clean-up and returns the makers. */
export function queueHarness(
  defaults: { executor?: Partial<QueueExecutorOptions>; worker?: Partial<RunWorkerOptions>; connection?: () => QueueConnection } = {},
) {
  const queues: string[] = [];
  const executors: QueueExecutor[] = [];
  const workers: QueueWorker[] = [];
  const redis = redisClient();
  const url = () => defaults.connection?.() ?? REDIS_URL;

  afterEach(async () => {
    await Promise.all(executors.splice(0).map((ex) => ex.shutdown({ cancelFutures: true, timeout: 5000 })));
    await Promise.all(workers.splice(0).map((w) => w.close()));
    await obliterate(queues.splice(0), url());
  });
  afterAll(() => redis.disconnect());

  return {
    redis,
    newQueue(tag = 'q'): string {
      const queue = queueName(tag);
      queues.push(queue);
      return queue;
    },
    executor(queue: string, options: Partial<QueueExecutorOptions> = {}): QueueExecutor {
      const ex = new QueueExecutor({ queue, connection: url(), ...defaults.executor, ...options });
      executors.push(ex);
      return ex;
    },
    async worker(queue: string, options: Partial<RunWorkerOptions> = {}): Promise<QueueWorker> {
      const started = await runWorker({
        queue,
        connection: url(),
        tasks: TASKS_MODULE,
        pool: 'async',
        maxWorkers: 1,
        log: () => undefined,
        ...defaults.worker,
        ...options,
      });
      workers.push(started);
      return started;
    },
  };
}
