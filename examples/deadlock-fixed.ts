/**
 * The deadlock fixed (Mouse vs Python, "Deadlocks"): the outer task no longer waits; it returns the inner future,
 * and the main program asks that future for its result. Three workers, as in the tutorial.
 *
 * Executor: AsyncExecutor (see deadlock.ts). One JavaScript twist: a Future is a thenable, and a task that returns a
 * thenable is awaited, so returning the inner future bare would make the outer future resolve to the zipped list
 * directly (while holding its worker until then). To keep Python's two steps, the task returns it inside an object.
 */
import { AsyncExecutor } from '../src';
import { repr, zip } from './support/python';
import { runMain } from './support/runMain';

// expect: [[1, 4], [2, 5], [3, 6]]

const executor = new AsyncExecutor({ maxWorkers: 3 });

/** Returns the inner future instead of waiting for it. */
function waitForever() {
  const myFuture = executor.submit(zip<number, number>, [1, 2, 3], [4, 5, 6]);
  return { myFuture };
}

runMain(async () => {
  const fut = executor.submit(waitForever);
  const result = await fut.result();
  console.log(repr(await result.myFuture.result()));
  await executor.shutdown();
});
