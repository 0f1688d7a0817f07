// RxJS alone: the tasks as async functions on the main thread, for `mergeMap(fn, concurrency)`: the yardstick of
// what an operator costs (workload 6).
import { createRequire } from 'node:module';
import { packageVersion, tasksFile } from '../lib/paths.mjs';

const tasks = createRequire(import.meta.url)(tasksFile);

export default {
  id: 'rxjs',
  label: `RxJS ${packageVersion('rxjs')} mergeMap (async fn)`,
  kind: 'loop',
  async open() {
    return {
      call: async (op, arg) => tasks[op](arg),
      close: async () => {},
    };
  },
};
