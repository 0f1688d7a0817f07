/**
 * CoderzColumn guide, section 11.2, "as_completed() With Timeout": after 5 seconds `asCompleted` gives up with a
 * TimeoutError in Python's words, `N (of 10) futures unfinished`. The timeout only stops the watching: the futures
 * keep running, and their results are read later. F-5 sleeps exactly 5 seconds, so whether it makes the deadline is
 * a race: in the guide's run it did not (6 unfinished); here the tasks start before the 5 seconds do, so it does (5).
 *
 * Executor: AsyncExecutor. The guide uses a process pool; its tasks only sleep, which needs no process in Node.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AsyncExecutor, TimeoutError, asCompleted, type Future } from '../src';
import { cubeValue } from './support/cube';
import { range, repr } from './support/python';
import { runMain } from './support/runMain';
import { seconds, wallClock } from './support/timing';

// expect: 1
// expect: 8
// expect: 27
// expect-re: ^TimeoutError : \d \(of 10\) futures unfinished$
// expect-re: ^Completed Futures : \['F-1', 'F-2', 'F-3'
// expect-re: ^Pending   Futures : \[.*'F-10'\]$
// expect: All Futures Completed.
// expect: Results : [1, 8, 27, 64, 125, 216, 343, 512, 729, 1000]

runMain(async () => {
  const stopClock = wallClock();
  const futures: Array<[string, Future<number>]> = [];
  {
    await using processPool = new AsyncExecutor({ maxWorkers: 5 });
    for (const i of range(1, 11)) futures.push([`F-${i}`, processPool.submit(cubeValue, i)]);
    await nextTurn(); // the executor starts the tasks on the event loop's next turn, before the 5 seconds begin
    try {
      // raises TimeoutError after 5 seconds
      for await (const future of asCompleted(futures.map(([, f]) => f), { timeout: seconds(5) })) {
        console.log(await future);
      }
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
      console.log(`\n${e.name} : ${e.message}`);
      console.log(`\nCompleted Futures : ${repr(futures.filter(([, f]) => f.done()).map(([name]) => name))}`);
      console.log(`\nPending   Futures : ${repr(futures.filter(([, f]) => !f.done()).map(([name]) => name))}`);
    }
  }
  console.log('\nAll Futures Completed.');
  const results = [];
  for (const [, f] of futures) results.push(await f.result());
  console.log(`Results : ${repr(results)}\n`);
  stopClock();
});
