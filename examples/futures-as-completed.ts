/**
 * futures_as_completed.py (PyMOTW, "Waiting for Tasks in Any Order"): `asCompleted()` hands out futures as they
 * finish, so the order changes from run to run.
 *
 * Executor: AsyncExecutor with as many slots as tasks, so every task starts at once; the tasks only sleep.
 */
import { AsyncExecutor, asCompleted } from '../src';
import { range, repr } from './support/python';
import { runMain } from './support/runMain';
import { seconds, sleep } from './support/timing';

// expect: main: starting
// expect-any: main: result: [1, 0.1]
// expect-any: main: result: [2, 0.2]
// expect-any: main: result: [3, 0.3]
// expect-any: main: result: [4, 0.4]
// expect-any: main: result: [5, 0.5]

async function task(n: number): Promise<[number, number]> {
  await sleep(seconds(Math.random()));
  return [n, n / 10];
}

runMain(async () => {
  const ex = new AsyncExecutor({ maxWorkers: 5 });
  console.log('main: starting');
  const waitFor = range(5, 0, -1).map((i) => ex.submit(task, i));
  for await (const f of asCompleted(waitFor)) {
    console.log(`main: result: ${repr(await f)}`);
  }
  await ex.shutdown();
});
