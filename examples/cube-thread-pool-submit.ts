/**
 * CoderzColumn guide, section 2, "Submit Tasks to Pool of Threads using submit()": ten `cube` tasks on five workers,
 * results read in submission order. Sleeping 1 + 2 + ... + 10 = 55 seconds in all takes about 15 on five workers.
 *
 * Executor: AsyncExecutor with `threadNamePrefix: 'Thread'`, so workers are named `Thread_0`...`Thread_4` as in the
 * guide. The tasks only sleep, which needs no thread in Node.
 */
import { AsyncExecutor } from '../src';
import { cube } from './support/cube';
import { range, repr } from './support/python';
import { runMain } from './support/runMain';
import { wallClock } from './support/timing';

// expect: Results : [['Thread_0', 1], ['Thread_1', 8], ['Thread_2', 27], ['Thread_3', 64], ['Thread_4', 125], ['Thread_0', 216], ['Thread_1', 343], ['Thread_2', 512], ['Thread_3', 729], ['Thread_4', 1000]]
// expect: Wall time:

runMain(async () => {
  const stopClock = wallClock();
  const threadPool = new AsyncExecutor({ maxWorkers: 5, threadNamePrefix: 'Thread' }); // start pool
  const futures = [];
  for (const i of range(1, 11)) futures.push(threadPool.submit(cube, i)); // submit tasks
  const results = [];
  for (const future of futures) results.push(await future.result()); // retrieve results
  console.log(`Results : ${repr(results)}\n`);
  await threadPool.shutdown(); // shut down the pool: releases its resources
  stopClock();
});
