/**
 * CoderzColumn guide, section 12.2, "Wait() with Timeout": `wait()` on five futures with a 3-second timeout returns
 * the partition as it stands then; a timeout is not an error, and the pending tasks keep running.
 *
 * Executor: AsyncExecutor. The guide uses a process pool; its tasks only sleep, which needs no process in Node.
 * The program yields once after submitting, so the tasks have started (as Python's threads start at `submit`) before
 * the 3 seconds begin; F-3, which sleeps exactly 3 seconds, then ends just before the deadline, as in the guide.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AsyncExecutor, wait } from '../src';
import { now } from './support/python';
import { printPartition, printResults } from './support/printWaitResult';
import { runMain } from './support/runMain';
import { submitNamed } from './support/submitNamed';
import { seconds, wallClock } from './support/timing';

// expect: : All Tasks submitted to pool.
// expect-re: ^Completed Tasks : \['F-1', 'F-2'
// expect-re: ^Pending   Tasks   : \[.*'F-5'\]$
// expect-re: : \d Tasks Completed after 3 seconds timeout\.$
// expect: : All Tasks Completed.
// expect: Results : [1, 8, 27, 64, 125, 216, 343, 512, 729, 1000]

runMain(async () => {
  const stopClock = wallClock();
  let all;
  {
    await using processPool = new AsyncExecutor({ maxWorkers: 5 });
    const { futures, name } = submitNamed(processPool);
    await nextTurn(); // the executor starts the tasks on the event loop's next turn
    all = futures;
    console.log(`${now()} : All Tasks submitted to pool.`);

    // wait for the first 5 tasks, 3 seconds at most
    const result = await wait(futures.slice(0, 5), { timeout: seconds(3) });
    printPartition(result, name);
    console.log(`\n${now()} : ${result.done.size} Tasks Completed after 3 seconds timeout.`);
    await printResults(result.done);
  }
  console.log(`\n${now()} : All Tasks Completed.`);
  await printResults(all);
  stopClock();
});
