// p-limit: the most used concurrency limiter on npm. `limit(fn)` per task, `workers` of them running at once on the
// event loop; compared with AsyncExecutor.submit (tasks on the event loop, `maxWorkers` at a time).
import { createRequire } from 'node:module';
import { packageVersion, tasksFile } from '../lib/paths.mjs';

const tasks = createRequire(import.meta.url)(tasksFile);

export default {
  id: 'p-limit',
  label: `p-limit ${packageVersion('p-limit')}`,
  kind: 'loop',
  async open({ workers }) {
    const { default: pLimit } = await import('p-limit');
    const limit = pLimit(workers);
    // The task is an async function, as I/O-bound tasks are (and as AsyncExecutor gets it).
    return {
      call: (op, arg) => limit(async () => tasks[op](arg)),
      close: async () => limit.clearQueue(),
    };
  },
};
