// Node's main thread with no library: the serial run that CPU speedups are measured against (workload 4), and
// Promise.all over settled promises, the scale for asCompleted/wait (workload 5).
import { createRequire } from 'node:module';
import { tasksFile } from '../lib/paths.mjs';
import { fibonacci } from '../lib/ops.mjs';

const tasks = createRequire(import.meta.url)(tasksFile);

export default {
  id: 'node-baseline',
  label: `Node ${process.version} main thread, no library`,
  kind: 'loop',
  async open() {
    return {
      /** The CPU workload run serially, on this thread. */
      cpu(n, { fib }) {
        const expected = fibonacci(fib);
        for (let i = 0; i < n; i++) if (tasks.fib(fib) !== expected) throw new Error('serial: wrong Fibonacci number');
      },
      /** `Promise.all` over `n` already resolved promises. */
      async promiseAll(n) {
        const promises = Array.from({ length: n }, (_, i) => Promise.resolve(i));
        const start = performance.now();
        const values = await Promise.all(promises);
        const ms = performance.now() - start;
        if (values.length !== n) throw new Error('Promise.all lost values');
        return { ms };
      },
      close: async () => {},
    };
  },
};
