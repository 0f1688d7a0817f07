// rxfutures QueueExecutor (rxfutures/queue) with named tasks, and `rxfutures worker` processes (pool 'async',
// up to 64 jobs each at once), on the same Redis as raw BullMQ. Jobs are unsigned unless RXFUTURES_SECRET is set
// in the environment: then the executor signs every job and checks every result's seal, and the workers verify
// every job and seal every result (an HMAC-SHA256 each), work that raw BullMQ does not do.
import { join } from 'node:path';
import { checkDoubles, range } from '../lib/ops.mjs';
import { packageVersion, rootDir, tasksFile } from '../lib/paths.mjs';
import { benchQueueName, QUEUE_CONCURRENCY, REDIS_URL, redisUnavailable, startProcesses, stopAndClean } from '../lib/queueWorkers.mjs';

export default {
  id: 'rxfutures-queue',
  label:
    `rxfutures ${packageVersion('rxfutures')} QueueExecutor (named tasks, rxfutures worker --pool async --max-workers ${QUEUE_CONCURRENCY}` +
    `${process.env.RXFUTURES_SECRET ? ', signed jobs' : ''})`,
  kind: 'queue',
  async available() {
    const loaded = await import('rxfutures/queue').catch(() => ({}));
    if (loaded.QueueExecutor === undefined) return 'not in this build yet (rxfutures/queue has no QueueExecutor)';
    return redisUnavailable();
  },
  async open({ workers }) {
    const { QueueExecutor, namedTask } = await import('rxfutures/queue');
    const queue = benchQueueName('rxf');
    const cli = join(rootDir, 'dist/cjs/src/queue/cli.js');
    const children = await startProcesses(workers, [
      cli, 'worker', '--queue', queue, '--redis', REDIS_URL, '--tasks', tasksFile, '--pool', 'async', '--max-workers', String(QUEUE_CONCURRENCY),
    ]);
    // The worker processes read the same variable (the CLI's secret).
    const executor = new QueueExecutor({ queue, connection: REDIS_URL, secret: process.env.RXFUTURES_SECRET || undefined });
    const double = namedTask('double');
    return {
      call: (op, arg) => executor.submit(namedTask(op), arg),
      async bulk(n) {
        const futures = new Array(n);
        for (let i = 0; i < n; i++) futures[i] = executor.submit(double, i);
        checkDoubles(await Promise.all(futures), 0);
      },
      async map(n, { chunksize }) {
        const results = [];
        for await (const result of executor.map(double, range(n), { chunksize })) results.push(result);
        checkDoubles(results, 0);
      },
      async close() {
        await executor.shutdown({ cancelFutures: true, timeout: 5000 });
        await stopAndClean(children, queue);
      },
    };
  },
};
