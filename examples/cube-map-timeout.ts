/**
 * CoderzColumn guide, section 5.3, "Map() with Timeout": with `timeout` (5 seconds, counted from the call of `map`),
 * reading a result that is not ready by then raises TimeoutError. The first four results arrive in time; the
 * rest are lost to the caller, and the tasks not yet started are cancelled.
 *
 * Executor: AsyncExecutor named like the guide's threads; the tasks only sleep.
 */
import { AsyncExecutor, TimeoutError } from '../src';
import { cube } from './support/cube';
import { range, repr } from './support/python';
import { runMain } from './support/runMain';
import { seconds, wallClock } from './support/timing';

// expect: ['Thread_0', 1]
// expect: ['Thread_1', 8]
// expect: ['Thread_2', 27]
// expect: ['Thread_3', 64]
// expect: TimeoutError : 

runMain(async () => {
  const stopClock = wallClock();
  {
    await using threadPool = new AsyncExecutor({ maxWorkers: 5, threadNamePrefix: 'Thread' });
    const results = threadPool.map(cube, range(1, 11), { timeout: seconds(5) }); // submit tasks
    console.log(results.constructor.name, '\n');
    try {
      for await (const r of results) console.log(repr(r)); // retrieve results
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
      console.log(`\n${e.name} : ${e.message}\n`);
    }
  } // the block's end waits for the tasks that were already running
  stopClock();
});
