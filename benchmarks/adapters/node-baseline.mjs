// Node's main thread with no library: the serial run that CPU speedups are measured against (workload 4), and
// Promise.all over settled promises, the scale for asCompleted/wait (workload 5).
import { serialFib } from '../lib/serial.mjs';

export default {
  id: 'node-baseline',
  label: `Node ${process.version} main thread, no library`,
  kind: 'loop',
  async open() {
    return {
      /** The CPU workload run serially, on this thread. */
      cpu: (n, { fib }) => serialFib(n, fib),
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
