/**
 * The initializer on a process pool (CoderzColumn guide, section 7, with processes): `initializer(...initArgs)` runs
 * once in each worker process before its first task, and the worker's tasks see what it set up (here a value on
 * `globalThis`, as a real program would open a connection or load a model). Every task reports its process and how
 * many times that process ran the initializer: always once.
 *
 * Executor: ProcessPoolExecutor, because per-process set-up is what an initializer is for. Workers start lazily, so a
 * pool of three may start fewer processes if fewer are needed; each one that starts runs the initializer once.
 * Initializer and task are inline functions: they travel as source and share only the worker's `globalThis`.
 */
import { ProcessPoolExecutor } from '../src';
import { range } from './support/python';
import { runMain } from './support/runMain';
import { SECOND_MS } from './support/timing';

// expect-re: ^Function to execute before starting process\(test_arg\) : ProcessPoolExecutor-\d+_\d+ \(pid \d+\)$
// expect-re: ^Results : \[1, 8, 27, 64, 125, 216, 343, 512, 729, 1000\]$
// expect-re: ^main: \d worker process\(es\) ran the tasks; each ran the initializer exactly once: true$

function initializer(x: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { currentWorkerName } = require('rxfutures') as typeof import('../src');
  const state = globalThis as { initCount?: number; initArg?: string };
  state.initCount = (state.initCount ?? 0) + 1;
  state.initArg = x;
  console.log(`Function to execute before starting process(${x}) : ${currentWorkerName()} (pid ${process.pid})`);
}

async function cube(x: number, secondMs: number): Promise<[number, number, number]> {
  await new Promise((resolve) => setTimeout(resolve, (x * secondMs) / 10)); // a tenth of x seconds: a short demo
  const state = globalThis as { initCount?: number };
  return [x ** 3, process.pid, state.initCount ?? 0];
}

runMain(async () => {
  const results: number[] = [];
  const initCounts = new Map<number, number>();
  {
    await using processPool = new ProcessPoolExecutor({ maxWorkers: 3, initializer, initArgs: ['test_arg'] });
    for await (const [value, pid, initCount] of processPool.map(cube, range(1, 11), range(1, 11).map(() => SECOND_MS))) {
      results.push(value);
      initCounts.set(pid, initCount);
    }
  }
  console.log(`\nResults : [${results.join(', ')}]`);
  const once = [...initCounts.values()].every((count) => count === 1);
  console.log(`main: ${initCounts.size} worker process(es) ran the tasks; each ran the initializer exactly once: ${once}`);
});
