'use strict';
// The practical floor for both transports: one message per task, `{ id, op, arg }` in and `{ id, result }` out,
// over a worker thread's parentPort or a forked child's IPC channel. No batching, no queue, nothing else.
const tasks = require('./tasks.cjs');

const { parentPort } = require('node:worker_threads');
const port = parentPort ?? process;
port.on('message', (message) => {
  const result = tasks[message.op](message.arg);
  if (parentPort) parentPort.postMessage({ id: message.id, result });
  else process.send({ id: message.id, result });
});
