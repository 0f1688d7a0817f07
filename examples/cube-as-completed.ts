/**
 * CoderzColumn guide, section 11.1, "Retrieve Results as Tasks Complete using as_completed()": futures come out as
 * they complete. Here the tasks finish in input order because task `i` sleeps `i` seconds, but that is their doing,
 * not a promise of `asCompleted`.
 *
 * Executor: AsyncExecutor. The guide uses a process pool; its tasks only sleep, which needs no process in Node.
 */
import { AsyncExecutor, asCompleted, type Future } from '../src';
import { cubeValue } from './support/cube';
import { range } from './support/python';
import { runMain } from './support/runMain';
import { wallClock } from './support/timing';

// expect: 1
// expect: 8
// expect: 27
// expect: 64
// expect: 125
// expect: 216
// expect: 343
// expect: 512
// expect: 729
// expect: 1000

runMain(async () => {
  const stopClock = wallClock();
  const futures: Array<Future<number>> = [];
  {
    await using processPool = new AsyncExecutor({ maxWorkers: 5 }); // initialize pool
    for (const i of range(1, 11)) futures.push(processPool.submit(cubeValue, i)); // submit tasks
    for await (const future of asCompleted(futures)) console.log(await future); // retrieve results
  }
  console.log();
  stopClock();
});
