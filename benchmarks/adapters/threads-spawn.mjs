// threads.js workers spawned with `spawn()` and called directly, round robin: threads.js without its Pool.
import { packageVersion } from '../lib/paths.mjs';

export default {
  id: 'threads-spawn',
  label: `threads.js ${packageVersion('threads')} spawn`,
  kind: 'thread',
  async open({ workers }) {
    const { spawn, Thread, Transfer, Worker } = await import('threads');
    // threads.js resolves a worker path against the calling file's folder, even an absolute one: give it relative.
    const file = '../workers/threads-worker.cjs';
    const spawned = await Promise.all(Array.from({ length: workers }, () => spawn(new Worker(file))));
    let next = 0;
    return {
      call: (op, arg, options) => {
        const worker = spawned[next];
        next = (next + 1) % spawned.length;
        return worker[op](options?.transfer ? Transfer(arg) : arg);
      },
      close: () => Promise.all(spawned.map((worker) => Thread.terminate(worker))),
    };
  },
};
