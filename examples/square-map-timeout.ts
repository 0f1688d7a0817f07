/**
 * Educative, "Pool Executors", map() with a timeout: ten squares on ten workers, where the fifth sleeps 10 seconds
 * and `map` has a 2-second timeout. The first four results print, then reading the fifth raises TimeoutError. As
 * in Python, the timeout does not stop the fifth task: `shutdown()` (the default waits) returns only once it ends.
 *
 * Executor: AsyncExecutor; the slow task sleeps and the others return at once.
 */
import { AsyncExecutor, TimeoutError } from '../src';
import { runMain } from './support/runMain';
import { seconds, sleep } from './support/timing';

// expect: 1
// expect: 4
// expect: 9
// expect: 16
// expect: TimeoutError raised while reading the 5th result
// expect: main: shutdown returned once the 5th task ended

async function square(item: number): Promise<number> {
  if (item === 5) await sleep(seconds(10));
  return item * item;
}

runMain(async () => {
  const executor = new AsyncExecutor({ maxWorkers: 10 });
  const it = executor.map(square, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { chunksize: 1, timeout: seconds(2) });
  let read = 0;
  try {
    for await (const sq of it) {
      console.log(sq);
      read++;
    }
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
    console.log(`TimeoutError raised while reading the ${read + 1}th result`);
  }
  await executor.shutdown();
  console.log('main: shutdown returned once the 5th task ended');
});
