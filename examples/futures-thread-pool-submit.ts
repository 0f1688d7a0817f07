/**
 * futures_thread_pool_submit.py (PyMOTW, "Scheduling Individual Tasks"): `submit()` returns a Future whose state
 * changes once the task is done and its result is available.
 *
 * Executor: AsyncExecutor, because the task only sleeps (see futures-thread-pool-map.ts). One difference from Python
 * shows here: a task starts on the event loop's next turn, so right after `submit()` the future is still PENDING
 * where Python's thread has already made it RUNNING.
 */
import { AsyncExecutor, currentWorkerName } from '../src';
import { runMain } from './support/runMain';
import { seconds, sleep } from './support/timing';

// expect: main: starting
// expect: main: future: <Future state=PENDING>
// expect: main: waiting for results
// expect: AsyncExecutor-0_0: sleeping 5
// expect: AsyncExecutor-0_0: done with 5
// expect: main: result: 0.5
// expect: main: future after result: <Future state=FINISHED returned>

async function task(n: number): Promise<number> {
  console.log(`${currentWorkerName()}: sleeping ${n}`);
  await sleep(seconds(n / 10));
  console.log(`${currentWorkerName()}: done with ${n}`);
  return n / 10;
}

runMain(async () => {
  const ex = new AsyncExecutor({ maxWorkers: 2 });
  console.log('main: starting');
  const f = ex.submit(task, 5);
  console.log(`main: future: ${f}`);
  console.log('main: waiting for results');
  const result = await f.result();
  console.log(`main: result: ${result}`);
  console.log(`main: future after result: ${f}`);
  await ex.shutdown();
});
