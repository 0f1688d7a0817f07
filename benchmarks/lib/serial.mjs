// The CPU workload run serially on the calling thread, with no library: the baseline of every speedup.
import { createRequire } from 'node:module';
import { tasksFile } from './paths.mjs';
import { fibonacci } from './ops.mjs';

const tasks = createRequire(import.meta.url)(tasksFile);

/** Computes fib(`fib`) `n` times, one after another, with the same function the pools' module tasks run. */
export function serialFib(n, fib) {
  const expected = fibonacci(fib);
  for (let i = 0; i < n; i++) if (tasks.fib(fib) !== expected) throw new Error('serial: wrong Fibonacci number');
}
