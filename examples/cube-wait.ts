/**
 * CoderzColumn guide, section 12.1, "Wait() without Timeout": `wait()` on the first five of ten futures returns
 * once those five are done, as `{ done, notDone }` sets; the other five go on running.
 *
 * Executor: AsyncExecutor. The guide uses a process pool; its tasks only sleep, which needs no process in Node.
 */
import { AsyncExecutor, wait } from '../src';
import { now } from './support/python';
import { printPartition, printResults } from './support/printWaitResult';
import { runMain } from './support/runMain';
import { submitNamed } from './support/submitNamed';
import { wallClock } from './support/timing';

// expect: : All Tasks submitted to pool.
// expect-re: ^Completed Tasks : \['F-\d', 'F-\d', 'F-\d', 'F-\d', 'F-\d'\]$
// expect: Pending   Tasks   : []
// expect: : First 5 Tasks Completed.
// expect: : All Tasks Completed.
// expect: Results : [1, 8, 27, 64, 125, 216, 343, 512, 729, 1000]

runMain(async () => {
  const stopClock = wallClock();
  let all;
  {
    await using processPool = new AsyncExecutor({ maxWorkers: 5 });
    const { futures, name } = submitNamed(processPool);
    all = futures;
    console.log(`${now()} : All Tasks submitted to pool.`);

    const result = await wait(futures.slice(0, 5)); // wait for the first 5 tasks
    printPartition(result, name);
    console.log(`\n${now()} : First 5 Tasks Completed.`);
    await printResults(result.done);
  }
  console.log(`\n${now()} : All Tasks Completed.`);
  await printResults(all);
  stopClock();
});
