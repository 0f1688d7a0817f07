/**
 * Entry file of every pool worker: a worker thread (messages on `parentPort`) or a child process forked with an IPC
 * channel (messages on `process`). A child process exits when its parent goes away (the channel disconnects), so no
 * child outlives the pool's process.
 */
import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol';
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
  // A send racing the parent's disconnect fails with EPIPE; the disconnect handler ends the process.
  process.on('error', () => undefined);
  new WorkerRuntime({
    send: (message: FromWorker) => {
      if (process.connected) send(message);
    },
    listen: (handler) => process.on('message', (message) => handler(message as ToWorker)),
  });
} else {
  throw new Error('the rxfutures worker runtime must run in a worker thread or a child process with an IPC channel');
}
