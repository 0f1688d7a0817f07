/**
 * CoderzColumn guide, section 9, "Cancel Tasks using cancel()": ten tasks on five workers; after 3 seconds the
 * program tries to cancel every future that is not running. Only the queued ones can be cancelled; as in the
 * guide, `!future.running()` is also true for futures that have finished, and `cancel()` refuses those.
 *
 * Executor: AsyncExecutor named like the guide's threads; the tasks only sleep. Which tasks are still queued at the
 * 3-second mark is a race (the guide's F-3 finished exactly then). The program yields once after submitting, so the
 * tasks have started (as Python's threads start at `submit`) before its 3 seconds begin; F-3 then ends just before
 * the mark, as in the guide, and F-9 and F-10 are cancelled.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AsyncExecutor, type Future } from '../src';
import { cubeValue } from './support/cube';
import { range, repr } from './support/python';
import { runMain } from './support/runMain';
import { seconds, sleep, wallClock } from './support/timing';

// expect: Submitted all tasks to pool. Lets sleep for 3 seconds and then cancel pending tasks.
// expect: Task (F-1) has not started yet. We can cancel it.
// expect: Task (F-10) cancelled : true
// expect-re: ^\d Futures Completed successfully$
// expect-re: ^\d Futures Cancelled\.$

runMain(async () => {
  const stopClock = wallClock();
  const futures: Array<[string, Future<number>]> = [];
  {
    await using threadPool = new AsyncExecutor({ maxWorkers: 5, threadNamePrefix: 'Thread' });
    for (const i of range(1, 11)) {
      futures.push([`F-${i}`, threadPool.submit(cubeValue, i)]); // a name for each future, for tracking
    }
    console.log('Submitted all tasks to pool. Lets sleep for 3 seconds and then cancel pending tasks.\n');
    await nextTurn(); // the executor starts the tasks on the event loop's next turn
    await sleep(seconds(3));

    for (const [name, future] of futures) {
      if (!future.running()) {
        console.log(`Task (${name}) has not started yet. We can cancel it.`);
        const cancelled = future.cancel(); // cancel the task if it has not started
        if (cancelled) console.log(`Task (${name}) cancelled : ${future.cancelled()}`);
      }
    }

    const completed = [];
    for (const [, future] of futures) if (!future.cancelled()) completed.push(await future.result());
    console.log(`\n${completed.length} Futures Completed successfully`);
    console.log(`Results : ${repr(completed)}`);
    console.log(`\n${futures.length - completed.length} Futures Cancelled.\n`);
  }
  stopClock();
});
