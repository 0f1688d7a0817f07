'use strict';
// A raw BullMQ worker process for the raw-bullmq rows: node bullmq-worker.cjs <queue> <redis url> <concurrency>.
// Runs the shared task bodies by job name on its event loop; prints "ready" once it takes jobs.
const { Worker } = require('bullmq');
const tasks = require('./tasks.cjs');

const [queue, url, concurrency] = process.argv.slice(2);
const worker = new Worker(queue, async (job) => tasks[job.name](job.data), {
  connection: { url },
  concurrency: Number(concurrency),
});
worker.on('error', () => undefined);
worker.waitUntilReady().then(() => process.stdout.write('ready\n'));
process.once('SIGTERM', () => worker.close().then(() => process.exit(0)));
