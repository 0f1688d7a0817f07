// rxfutures QueueExecutor (rxfutures/queue) with named tasks, and `rxfutures worker` processes (pool 'async',
// up to 64 jobs each at once), on the same Redis as raw BullMQ.
import { join } from 'node:path';
import { checkDoubles, range } from '../lib/ops.mjs';
import { packageVersion, rootDir, tasksFile } from '../lib/paths.mjs';
import { benchQueueName, QUEUE_CONCURRENCY, REDIS_URL, redisUnavailable, startProcesses, stopAndClean } from '../lib/queueWorkers.mjs';

export default {
  id: 'rxfutures-queue',
  label: `rxfutures ${packageVersion('rxfutures')} QueueExecutor (named tasks, rxfutures worker --pool async --max-workers ${QUEUE_CONCURRENCY})`,
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
    const executor = new QueueExecutor({ queue, connection: REDIS_URL });
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
