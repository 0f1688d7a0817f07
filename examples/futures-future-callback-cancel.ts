/**
 * futures_future_callback_cancel.py (PyMOTW, "Canceling Tasks"): 10 tasks on 2 workers; cancelling them all, newest
 * first, succeeds for the 8 still queued and fails for the 2 already running. Done callbacks fire either way.
 *
 * Executor: AsyncExecutor with two slots, because the tasks only sleep. Python's threads pick up the first tasks
 * while `submit()` is still being called; in Node the executor starts work when the event loop gets a turn, so the
 * program yields once (`setImmediate`) before cancelling, which is when the first two tasks start.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AsyncExecutor, type Future } from '../src';
import { range } from './support/python';
import { runMain } from './support/runMain';
import { seconds, sleep } from './support/timing';

// expect: main: starting
// expect: main: submitting 10
// expect: main: submitting 1
// expect: 10: sleeping
// expect: 9: sleeping
// expect: 1: canceled
// expect: 8: canceled
// expect: main: did not cancel 9
// expect: main: did not cancel 10
// expect: 10: done
// expect: 10: not canceled
// expect: 9: done
// expect: 9: not canceled

async function task(n: number): Promise<number> {
  console.log(`${n}: sleeping`);
  await sleep(seconds(0.5));
  console.log(`${n}: done`);
  return n / 10;
}

function done(arg: number) {
  return (fn: Future<number>): void => {
    if (fn.cancelled()) console.log(`${arg}: canceled`);
    else if (fn.done()) console.log(`${arg}: not canceled`);
  };
}

runMain(async () => {
  const ex = new AsyncExecutor({ maxWorkers: 2 });
  console.log('main: starting');
  const tasks: Array<[number, Future<number>]> = [];
  for (const i of range(10, 0, -1)) {
    console.log(`main: submitting ${i}`);
    const f = ex.submit(task, i);
    f.addDoneCallback(done(i));
    tasks.push([i, f]);
  }
  await nextTurn(); // the event loop's turn: the two slots start tasks 10 and 9
  for (const [i, t] of tasks.reverse()) {
    if (!t.cancel()) console.log(`main: did not cancel ${i}`);
  }
  await ex.shutdown();
});
