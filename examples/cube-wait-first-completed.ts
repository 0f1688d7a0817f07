/**
 * CoderzColumn guide, section 12.3, "Wait() Until At Least One Task Completes": with
 * `returnWhen: FIRST_COMPLETED`, `wait()` returns as soon as one of the five futures is done.
 *
 * Executor: AsyncExecutor. The guide uses a process pool; its tasks only sleep, which needs no process in Node.
 */
import { AsyncExecutor, FIRST_COMPLETED, wait } from '../src';
import { now } from './support/python';
import { printPartition, printResults } from './support/printWaitResult';
import { runMain } from './support/runMain';
import { submitNamed } from './support/submitNamed';
import { wallClock } from './support/timing';

// expect: : All Tasks submitted to pool.
// expect: Completed Tasks : ['F-1']
// expect-re: ^Pending   Tasks   : \['F-\d', 'F-\d', 'F-\d', 'F-\d'\]$
// expect: : First Task of 5 Tasks Completed.
// expect: Results : [1]
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

    // wait until one of the first 5 tasks is done
    const result = await wait(futures.slice(0, 5), { returnWhen: FIRST_COMPLETED });
    printPartition(result, name);
    console.log(`\n${now()} : First Task of 5 Tasks Completed.`);
    await printResults(result.done);
  }
  console.log(`\n${now()} : All Tasks Completed.`);
  await printResults(all);
  stopClock();
});
