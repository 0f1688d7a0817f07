/**
 * futures_future_callback.py (PyMOTW, "Future Callbacks"): `addDoneCallback()` runs a function once the future is
 * done, whatever the reason, so the callback checks the future's state first.
 *
 * Executor: AsyncExecutor, because the task only sleeps. Python tags the future with `f.arg = 5`; TypeScript passes
 * the label to the callback through a closure instead.
 */
import { AsyncExecutor, type Future } from '../src';
import { runMain } from './support/runMain';
import { seconds, sleep } from './support/timing';

// expect: main: starting
// expect: 5: sleeping
// expect: 5: done
// expect: 5: value returned: 0.5

async function task(n: number): Promise<number> {
  console.log(`${n}: sleeping`);
  await sleep(seconds(0.5));
  console.log(`${n}: done`);
  return n / 10;
}

/** The done callback: it reads the future, which is already done, so `exception()` and `result()` settle at once. */
function done(arg: number) {
  return (fn: Future<number>): void => {
    if (fn.cancelled()) {
      console.log(`${arg}: canceled`);
    } else if (fn.done()) {
      void fn.exception().then(async (error) => {
        if (error) console.log(`${arg}: error returned: ${String(error)}`);
        else console.log(`${arg}: value returned: ${await fn.result()}`);
      });
    }
  };
}

runMain(async () => {
  const ex = new AsyncExecutor({ maxWorkers: 2 });
  console.log('main: starting');
  const f = ex.submit(task, 5);
  f.addDoneCallback(done(5));
  await f.result();
  await ex.shutdown();
});
