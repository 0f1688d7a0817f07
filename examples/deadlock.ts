/**
 * The deadlock (Mouse vs Python, "Deadlocks"): with a single worker, a task that submits another task to its own
 * executor and waits for it can never finish, because the second task needs the worker the first one holds. Python
 * hangs forever, silently. rxfutures' AsyncExecutor sees that the wait can never end and fails it with a
 * DeadlockError instead, so the program reports the mistake, and the inner task runs once the worker is free.
 *
 * Executor: AsyncExecutor, the executor that knows which of its tasks waits on which of its futures (the detection
 * lives there). See deadlock-fixed.ts for the fix the tutorial gives.
 */
import { AsyncExecutor, DeadlockError, type Future } from '../src';
import { repr, zip } from './support/python';
import { runMain } from './support/runMain';

// expect: main: submitting wait_forever to an executor with 1 worker
// expect: main: Python would hang here forever; rxfutures says:
// expect-re: ^DeadlockError: deadlock: the task in AsyncExecutor-\d+_0 waits on a future of its own executor
// expect: main: once the worker was free, the inner task ran: [[1, 4], [2, 5], [3, 6]]

const executor = new AsyncExecutor({ maxWorkers: 1 });
let inner: Future<Array<[number, number]>> | undefined;

/** This function would wait forever if there is only one worker in the executor. */
async function waitForever(): Promise<void> {
  const myFuture = executor.submit(zip<number, number>, [1, 2, 3], [4, 5, 6]);
  inner = myFuture;
  const result = await myFuture.result(); // rxfutures: fails with DeadlockError instead of waiting forever
  console.log(repr(result));
}

runMain(async () => {
  console.log('main: submitting wait_forever to an executor with 1 worker');
  const future = executor.submit(waitForever);
  console.log('main: Python would hang here forever; rxfutures says:');
  try {
    await future.result();
  } catch (error) {
    if (!(error instanceof DeadlockError)) throw error;
    console.log(`${error.name}: ${error.message}`);
  }
  console.log(`main: once the worker was free, the inner task ran: ${repr(await inner?.result())}`);
  await executor.shutdown();
});
