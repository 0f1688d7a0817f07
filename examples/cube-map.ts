/**
 * CoderzColumn guide, section 5.1, "Map Tasks to Thread Pool using map()": `map()` returns at once with a lazy
 * result (Python's generator, here an Observable that is also an async iterable), read in input order.
 *
 * Executor: AsyncExecutor named like the guide's threads; the tasks only sleep.
 */
import { AsyncExecutor } from '../src';
import { cube } from './support/cube';
import { range, repr } from './support/python';
import { runMain } from './support/runMain';
import { wallClock } from './support/timing';

// expect: IterableObservable
// expect: Results : [['Thread_0', 1], ['Thread_1', 8], ['Thread_2', 27], ['Thread_3', 64], ['Thread_4', 125], ['Thread_0', 216], ['Thread_1', 343], ['Thread_2', 512], ['Thread_3', 729], ['Thread_4', 1000]]

runMain(async () => {
  const stopClock = wallClock();
  {
    await using threadPool = new AsyncExecutor({ maxWorkers: 5, threadNamePrefix: 'Thread' }); // start pool
    const results = threadPool.map(cube, range(1, 11)); // submit tasks
    console.log(results.constructor.name);
    const collected = [];
    for await (const r of results) collected.push(r); // retrieve results
    console.log(`\nResults : ${repr(collected)}\n`);
  }
  stopClock();
});
