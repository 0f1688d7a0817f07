/**
 * CoderzColumn guide, section 5.2, "Multiple Iterators": `map()` zips several iterables and passes one item of each
 * to the task; here `cube(x1, x2)` sleeps `x1` seconds and returns `(x1 + x2) ** 3`.
 *
 * Executor: AsyncExecutor named like the guide's threads; the tasks only sleep.
 */
import { AsyncExecutor, currentWorkerName } from '../src';
import { range, repr } from './support/python';
import { runMain } from './support/runMain';
import { seconds, sleep, wallClock } from './support/timing';

// expect: IterableObservable
// expect: Results : [['Thread_0', 8], ['Thread_1', 64], ['Thread_2', 216], ['Thread_3', 512], ['Thread_4', 1000], ['Thread_0', 1728], ['Thread_1', 2744], ['Thread_2', 4096], ['Thread_3', 5832], ['Thread_4', 8000]]

async function cube(x1: number, x2: number): Promise<[string, number]> {
  const currThread = currentWorkerName();
  await sleep(seconds(x1));
  return [currThread, (x1 + x2) ** 3];
}

runMain(async () => {
  const stopClock = wallClock();
  {
    await using threadPool = new AsyncExecutor({ maxWorkers: 5, threadNamePrefix: 'Thread' });
    const results = threadPool.map(cube, range(1, 11), range(1, 11)); // submit tasks
    console.log(results.constructor.name);
    const collected = [];
    for await (const r of results) collected.push(r); // retrieve results
    console.log(`\nResults : ${repr(collected)}\n`);
  }
  stopClock();
});
