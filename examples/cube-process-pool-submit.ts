/**
 * CoderzColumn guide, section 3, "Submits Tasks to Pool of Processes using submit()": the `cube` tasks of section 2
 * on a pool of five processes; same results, and about the same time (with RXF_EXAMPLE_SPEED the start-up of five
 * processes weighs more against the shortened sleeps).
 *
 * Executor: ProcessPoolExecutor, since running the same code in processes is the point of this section (for tasks
 * that only sleep, AsyncExecutor would do). The task is an inline function, sent to the workers as source, so it
 * cannot use `sleep` or `seconds` from this file: it sleeps with its own timer and gets the length of a second as an
 * argument.
 */
import { ProcessPoolExecutor } from '../src';
import { range, repr } from './support/python';
import { runMain } from './support/runMain';
import { SECOND_MS, wallClock } from './support/timing';

// expect: Results : [1, 8, 27, 64, 125, 216, 343, 512, 729, 1000]

async function cube(x: number, secondMs: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, x * secondMs));
  return x ** 3;
}

runMain(async () => {
  const stopClock = wallClock();
  const processPool = new ProcessPoolExecutor({ maxWorkers: 5 }); // start pool
  const futures = range(1, 11).map((i) => processPool.submit(cube, i, SECOND_MS)); // submit tasks
  const results = [];
  for (const future of futures) results.push(await future.result()); // retrieve results
  console.log(`Results : ${repr(results)}\n`);
  await processPool.shutdown(); // shut down the pool: its processes exit
  stopClock();
});
