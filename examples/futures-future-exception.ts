/**
 * futures_future_exception.py (PyMOTW, "Exceptions in Tasks"): an error thrown by a task is kept in its future and
 * handed out by `exception()`, and thrown again by `result()`.
 *
 * Executor: AsyncExecutor; the task throws at once. Python's ValueError becomes JavaScript's RangeError.
 */
import { AsyncExecutor } from '../src';
import { runMain } from './support/runMain';

// expect: main: starting
// expect: 5: starting
// expect: main: error: the value 5 is no good
// expect: main: saw error "the value 5 is no good" when accessing result

function task(n: number): never {
  console.log(`${n}: starting`);
  throw new RangeError(`the value ${n} is no good`);
}

runMain(async () => {
  const ex = new AsyncExecutor({ maxWorkers: 2 });
  console.log('main: starting');
  const f = ex.submit(task, 5);

  const error = await f.exception();
  console.log(`main: error: ${(error as Error).message}`);

  try {
    await f.result();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    console.log(`main: saw error "${e.message}" when accessing result`);
  }
  await ex.shutdown();
});
