// threads.js `Pool`: tasks queued as `pool.queue(worker => worker.op(arg))`.
import { packageVersion } from '../lib/paths.mjs';

export default {
  id: 'threads-pool',
  label: `threads.js ${packageVersion('threads')} Pool`,
  kind: 'thread',
  async open({ workers }) {
    const { Pool, spawn, Transfer, Worker } = await import('threads');
    // threads.js resolves a worker path against the calling file's folder, even an absolute one: give it relative.
    const file = '../workers/threads-worker.cjs';
    const pool = Pool(() => spawn(new Worker(file)), workers);
    return {
      call: (op, arg, options) => pool.queue((worker) => worker[op](options?.transfer ? Transfer(arg) : arg)),
      close: () => pool.terminate(true),
    };
  },
};
