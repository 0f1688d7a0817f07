// Raw BullMQ, the way its users run it at its fastest: `addBulk`, worker processes with `Worker` at concurrency 64,
// one `QueueEvents` whose 'completed' listener settles a table of promises (bulk and map), and `add` then
// `job.waitUntilFinished(queueEvents)` for the sequential round trip. Bulk and map jobs are removed on completion
// (`removeOnComplete: true`), which spares raw BullMQ the removals rxfutures does after reading each result.
import { join } from 'node:path';
import { checkDoubles, range } from '../lib/ops.mjs';
import { packageVersion, workersDir } from '../lib/paths.mjs';
import { benchQueueName, QUEUE_CONCURRENCY, REDIS_URL, redisUnavailable, startProcesses, stopAndClean } from '../lib/queueWorkers.mjs';

export default {
  id: 'raw-bullmq',
  label: `raw BullMQ ${packageVersion('bullmq')} (addBulk, Worker concurrency ${QUEUE_CONCURRENCY}, QueueEvents)`,
  kind: 'queue',
  available: () => redisUnavailable(),
  async open({ workers }) {
    const { Queue, QueueEvents } = await import('bullmq');
    const queue = benchQueueName('raw');
    const children = await startProcesses(workers, [join(workersDir, 'bullmq-worker.cjs'), queue, REDIS_URL, String(QUEUE_CONCURRENCY)]);
    const connection = { url: REDIS_URL };
    const producer = new Queue(queue, { connection, defaultJobOptions: { removeOnComplete: true } });
    // From the stream's start (the queue is fresh): QueueEvents' default '$' is taken at its first read, which may come
    // after the first jobs already completed.
    const events = new QueueEvents(queue, { connection, lastEventId: '0-0' });
    await events.waitUntilReady();
    const waiting = new Map();
    // A job can complete before `addBulk` resolves with its id: its value waits here for the promise that asks.
    const early = new Map();
    events.on('completed', ({ jobId, returnvalue }) => {
      const value = typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue;
      const resolve = waiting.get(jobId);
      if (resolve === undefined) {
        early.set(jobId, value);
        return;
      }
      waiting.delete(jobId);
      resolve(value);
    });
    const settled = (job) =>
      new Promise((resolve) => {
        if (!early.has(job.id)) return waiting.set(job.id, resolve);
        resolve(early.get(job.id));
        early.delete(job.id);
      });
    const many = async (name, inputs) => {
      const jobs = await producer.addBulk(inputs.map((data) => ({ name, data })));
      return Promise.all(jobs.map(settled));
    };
    return {
      async bulk(n) {
        checkDoubles(await many('double', range(n)), 0);
      },
      async latency(n) {
        for (let i = 0; i < n; i++) {
          // waitUntilFinished needs the job to still exist when it looks: keep it a minute.
          const job = await producer.add('double', i, { removeOnComplete: { age: 60 } });
          const result = await job.waitUntilFinished(events);
          if (result !== i * 2) throw new Error(`latency: task ${i} returned ${result}`);
        }
      },
      async map(n, { chunksize }) {
        const items = range(n);
        const chunks = [];
        for (let i = 0; i < n; i += chunksize) chunks.push(items.slice(i, i + chunksize));
        checkDoubles((await many('doubleAll', chunks)).flat(), 0);
      },
      async close() {
        await events.close();
        await producer.close();
        await stopAndClean(children, queue);
      },
    };
  },
};
