/**
 * futures_context_manager.py (PyMOTW, "Context Manager"): leaving the block shuts the executor down and waits for
 * every task, as Python's `with` does. TypeScript's `await using` (5.2+) plays the part of `with`.
 *
 * Executor: AsyncExecutor; the tasks only print.
 */
import { AsyncExecutor } from '../src';
import { runMain } from './support/runMain';

// expect: main: starting
// expect: 1
// expect: 2
// expect: 3
// expect: 4
// expect: main: done

function task(n: number): void {
  console.log(n);
}

runMain(async () => {
  {
    await using ex = new AsyncExecutor({ maxWorkers: 2 });
    console.log('main: starting');
    ex.submit(task, 1);
    ex.submit(task, 2);
    ex.submit(task, 3);
    ex.submit(task, 4);
  } // here `await ex.shutdown()` runs: the four tasks finish before the block is left
  console.log('main: done');
});
