/**
 * CoderzColumn guide, section 10, "Execute Callback Immediately after Task Completion using add_done_callback()":
 * each future gets a callback that prints when its task completed; the callback receives the future itself.
 *
 * Executor: AsyncExecutor. The guide uses a process pool, but its tasks only sleep, and sleeping needs neither
 * a process nor a thread in Node.
 */
import { AsyncExecutor, type Future } from '../src';
import { cubeValue } from './support/cube';
import { now, range, repr } from './support/python';
import { runMain } from './support/runMain';
import { wallClock } from './support/timing';

// expect: F-1 completed at
// expect: F-2 completed at
// expect: F-5 completed at
// expect: F-10 completed at
// expect: Results : [1, 8, 27, 64, 125, 216, 343, 512, 729, 1000]

function doneCallback(name: string) {
  return (_future: Future<number>): void => console.log(`${name} completed at ${now()}`);
}

runMain(async () => {
  const stopClock = wallClock();
  const futures: Array<Future<number>> = [];
  {
    await using processPool = new AsyncExecutor({ maxWorkers: 5 });
    for (const i of range(1, 11)) {
      const f = processPool.submit(cubeValue, i);
      f.addDoneCallback(doneCallback(`F-${i}`)); // add a completion callback
      futures.push(f);
    }
    const results = [];
    for (const future of futures) results.push(await future.result());
    console.log(`\nResults : ${repr(results)}\n`);
  }
  stopClock();
});
