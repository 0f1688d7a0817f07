/**
 * The shared Executor contract, run against a QueueExecutor whose jobs go through the real Redis to two workers in
 * this process (each with a local 'async' pool), as against every local executor kind.
 */
import { join } from 'node:path';
import { QueueExecutor, runWorker, type QueueWorker } from '../../src/queue';
import { describeExecutorContract } from '../executors/executorContract';
import { describeWithRedis, obliterate, queueName, REDIS_URL } from './support/redis';

const tasks = join(__dirname, '../fixtures/queueTasks.cjs');
const secret = 'contract-secret';

describeWithRedis('QueueExecutor over Redis', () => {
  const queue = queueName('contract');
  const workers: QueueWorker[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      workers.push(
        await runWorker({
          queue,
          connection: REDIS_URL,
          tasks,
          pool: 'async',
          maxWorkers: 2,
          secret,
          allowInline: true,
          abortGraceMs: 50,
          log: () => undefined,
        }),
      );
    }
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await obliterate([queue]);
  });

  describeExecutorContract('QueueExecutor', (options) => new QueueExecutor({ ...options, queue, connection: REDIS_URL, secret }));
});
