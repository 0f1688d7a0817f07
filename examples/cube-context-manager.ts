/**
 * CoderzColumn guide, section 4, "Thread/Process Pools as Context Managers": the pool of section 2 in an
 * `await using` block (Python's `with`), which shuts it down and waits for every task on the way out; the results
 * are read after the block.
 *
 * Executor: AsyncExecutor named like the guide's threads; the tasks only sleep.
 */
import { AsyncExecutor, type Future } from '../src';
import { cube } from './support/cube';
import { range, repr } from './support/python';
import { runMain } from './support/runMain';
import { wallClock } from './support/timing';

// expect: Results : [['Thread_0', 1], ['Thread_1', 8], ['Thread_2', 27], ['Thread_3', 64], ['Thread_4', 125], ['Thread_0', 216], ['Thread_1', 343], ['Thread_2', 512], ['Thread_3', 729], ['Thread_4', 1000]]

runMain(async () => {
  const stopClock = wallClock();
  const futures: Array<Future<[string, number]>> = [];
  {
    await using threadPool = new AsyncExecutor({ maxWorkers: 5, threadNamePrefix: 'Thread' }); // shut down by the block's end
    for (const i of range(1, 11)) futures.push(threadPool.submit(cube, i));
  }
  const results = [];
  for (const f of futures) results.push(await f.result()); // every future is done already
  console.log(`Results : ${repr(results)}\n`);
  stopClock();
});
