/**
 * "Python Concurrency and Future" (a short note): submit two sleeping tasks, look at a future's state with
 * `running()`, `cancelled()` and `done()`, read results with `result()`, then the same tasks through
 * `asCompleted()` (completion order) and `map()` (input order). The executor is left by its scope (`await using`),
 * which shuts it down, as the note recommends.
 *
 * Executor: AsyncExecutor with its default size (Python's `ThreadPoolExecutor()` default, min(32, cores + 4)); the
 * tasks only sleep.
 */
import { AsyncExecutor, asCompleted } from '../src';
import { runMain } from './support/runMain';
import { seconds, sleep } from './support/timing';

// expect: Sleeping for 2 second(s)...
// expect: Sleeping for 4 second(s)...
// expect: task1.running(): true
// expect: task1.cancelled(): false
// expect: task1.done(): false
// expect: Finished sleeping for 2 second(s)
// expect: Finished sleeping for 4 second(s)
// expect: as_completed:
// expect: Finished sleeping for 1 second(s)
// expect: Finished sleeping for 2 second(s)
// expect: Finished sleeping for 4 second(s)
// expect: map:
// expect: Finished sleeping for 2 second(s)
// expect: Finished sleeping for 4 second(s)
// expect: Finished sleeping for 1 second(s)

async function myTask(secs: number): Promise<string> {
  console.log(`Sleeping for ${secs} second(s)...`);
  await sleep(seconds(secs));
  return `Finished sleeping for ${secs} second(s)`;
}

runMain(async () => {
  await using executor = new AsyncExecutor();
  const task1 = executor.submit(myTask, 2);
  const task2 = executor.submit(myTask, 4);
  await sleep(0); // let the executor start them (it does so on the event loop's next turn)

  console.log(`task1.running(): ${task1.running()}`); // is the task running?
  console.log(`task1.cancelled(): ${task1.cancelled()}`); // was it cancelled?
  console.log(`task1.done(): ${task1.done()}`); // is it done?

  console.log(await task1.result()); // waits for the task to complete and returns its result
  console.log(await task2.result());

  console.log('as_completed:');
  const results = [2, 4, 1].map((secs) => executor.submit(myTask, secs));
  for await (const future of asCompleted(results)) console.log(await future);

  console.log('map:');
  for await (const result of executor.map(myTask, [2, 4, 1])) console.log(result);
});
