/**
 * Entry file of every pool worker: a worker thread (messages on `parentPort`) or a child process forked with an IPC
 * channel (messages on `process`). A child process exits when its parent goes away (the channel disconnects), so no
 * child outlives the pool's process. A child process may also read large buffers from a shared file its parent passed
 * (see `readBulkSlabs`).
 */
import { Worker, parentPort } from 'node:worker_threads';
import { BULK_READY, RUN, type FromWorker, type ToWorker } from './protocol';
import { canReadBulk, readBulkSlabs } from './readBulkSlabs';
import { WorkerRuntime } from './WorkerRuntime';

if (parentPort !== null) {
  const port = parentPort;
  new WorkerRuntime({
    send: (message: FromWorker) => port.postMessage(message),
    listen: (handler) => port.on('message', handler),
  });
} else if (typeof process.send === 'function') {
  const send = process.send.bind(process);
  process.on('disconnect', () => process.exit(0));
  watchParent();
  // A send racing the parent's disconnect fails with EPIPE; the disconnect handler ends the process.
  process.on('error', () => undefined);
  // Large buffers may come through the shared file the parent passed (see BulkFile), once it knows this child reads it.
  const bulk = canReadBulk(process.argv[3]);
  if (bulk) send([BULK_READY]);
  new WorkerRuntime({
    send: (message: FromWorker) => {
      if (process.connected) send(message);
    },
    listen: (handler) =>
      process.on('message', (message: ToWorker) => {
        if (bulk && message[0] === RUN && message[3] !== null) readBulkSlabs(message[3]);
        handler(message);
      }),
  });
} else {
  throw new Error('the rxfutures worker runtime must run in a worker thread or a child process with an IPC channel');
}

/**
 * A child stuck in a synchronous loop never sees the IPC channel close. A tiny watchdog thread (which runs whatever
 * the main thread does) kills the child once its parent is gone (the parent pid changes when it is reparented).
 */
function watchParent(): void {
  const source = `
    const parent = require('node:worker_threads').workerData;
    setInterval(() => { if (process.ppid !== parent) process.kill(process.pid, 'SIGKILL'); }, 500);`;
  new Worker(source, { eval: true, workerData: process.ppid }).unref();
}
