/**
 * futures_thread_pool_map.py (PyMOTW, "Using map() with a Basic Thread Pool"): `map()` yields results in input order,
 * whatever order the tasks finish in.
 *
 * Executor: AsyncExecutor. The tasks only sleep, and waiting is what the event loop does best; Python needs a thread
 * per waiting task, Node does not. `maxWorkers: 2` lets two tasks run at once, like Python's two threads.
 */
import { AsyncExecutor, currentWorkerName } from '../src';
import { range, repr } from './support/python';
import { runMain } from './support/runMain';
import { seconds, sleep } from './support/timing';

// expect: main: starting
// expect: main: unprocessed results IterableObservable
// expect: main: waiting for real results
// expect-any: AsyncExecutor-0_0: sleeping 5
// expect-any: AsyncExecutor-0_1: sleeping 4
// expect: main: results: [0.5, 0.4, 0.3, 0.2, 0.1]

async function task(n: number): Promise<number> {
  console.log(`${currentWorkerName()}: sleeping ${n}`);
  await sleep(seconds(n / 10));
  console.log(`${currentWorkerName()}: done with ${n}`);
  return n / 10;
}

runMain(async () => {
  const ex = new AsyncExecutor({ maxWorkers: 2 });
  console.log('main: starting');
  const results = ex.map(task, range(5, 0, -1));
  // Like Python's generator, the results are lazy: an Observable you can also read with `for await`.
  console.log(`main: unprocessed results ${results.constructor.name}`);
  console.log('main: waiting for real results');
  const realResults: number[] = [];
  for await (const result of results) realResults.push(result);
  console.log(`main: results: ${repr(realResults)}`);
  await ex.shutdown();
});
