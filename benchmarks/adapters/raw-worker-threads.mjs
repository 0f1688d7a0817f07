// Raw `worker_threads`: `postMessage` per task to plain workers, no pool library (the thread floor).
import { Worker } from 'node:worker_threads';
import { rawSession, rawWorkerFile } from '../lib/rawChannel.mjs';

export default {
  id: 'raw-worker-threads',
  label: `raw worker_threads postMessage`,
  kind: 'thread',
  async open({ workers }) {
    const threads = await Promise.all(
      Array.from({ length: workers }, () => {
        const worker = new Worker(rawWorkerFile);
        return new Promise((resolve, reject) => {
          worker.once('online', () => resolve(worker));
          worker.once('error', reject);
        });
      }),
    );
    return rawSession(
      threads.map((worker) => ({
        send: (message, transferList) => worker.postMessage(message, transferList),
        onMessage: (listener) => worker.on('message', listener),
        close: () => worker.terminate(),
      })),
    );
  },
};
