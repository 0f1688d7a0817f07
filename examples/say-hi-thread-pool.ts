/**
 * Educative, "Pool Executors", ThreadPoolExecutor: nine `say_hi` tasks on a pool of ten threads, each printing the
 * name of the thread that ran it; then the same tasks submitted one at a time, waiting for each result before the
 * next submit, which makes the execution serial.
 *
 * Executor: ThreadPoolExecutor, because the point is which thread runs each task. The task is an inline function
 * sent to the worker threads, so it fetches `currentWorkerName` with `require('rxfutures')` instead of using this
 * file's import. Output from worker threads reaches the terminal through the main thread.
 */
import { ThreadPoolExecutor } from '../src';
import { range } from './support/python';
import { runMain } from './support/runMain';

// expect-any: hi guest1 executed in thread id ThreadPoolExecutor-
// expect-any: hi guest9 executed in thread id ThreadPoolExecutor-
// expect: main: all 9 greeted
// expect: main: now one at a time
// expect: main: 9 greeted serially

function sayHi(item: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { currentWorkerName } = require('rxfutures') as typeof import('../src');
  console.log(`\nhi ${item} executed in thread id ${currentWorkerName()}`);
}

runMain(async () => {
  const executor = new ThreadPoolExecutor({ maxWorkers: 10 });
  const lst = range(1, 10).map((i) => executor.submit(sayHi, `guest${i}`));
  for (const future of lst) await future.result();
  console.log('main: all 9 greeted');

  console.log('main: now one at a time');
  for (const i of range(1, 10)) {
    const future = executor.submit(sayHi, `guest${i}`);
    await future.result();
  }
  console.log('main: 9 greeted serially');
  await executor.shutdown();
});
