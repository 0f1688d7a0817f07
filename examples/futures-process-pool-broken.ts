/**
 * futures_process_pool_broken.py (PyMOTW, "Process Pools"): a worker process killed from outside breaks the pool.
 * The task submitted after the kill fails with BrokenProcessPool when its result is read, with Python's message
 * (plus how the worker ended), and the pool accepts no more work.
 *
 * Executor: ProcessPoolExecutor, the pool whose workers can be killed with a signal. (With
 * `onWorkerExit: 'respawn'` the pool would instead fail only the dead worker's tasks and start a new worker.)
 */
import { BrokenProcessPool, ProcessPoolExecutor } from '../src';
import { runMain } from './support/runMain';

// expect: getting the pid for one worker
// expect-re: ^killing process \d+$
// expect: submitting another task
// expect: could not start new tasks: A process in the process pool was terminated abruptly while the future was running or pending
// expect: main: the pool is broken: true

runMain(async () => {
  {
    await using ex = new ProcessPoolExecutor({ maxWorkers: 2 });
    console.log('getting the pid for one worker');
    const f1 = ex.submit(() => process.pid);
    const pid1 = await f1.result();

    console.log(`killing process ${pid1}`);
    process.kill(pid1, 'SIGHUP');

    console.log('submitting another task');
    try {
      // The kill is noticed when the worker's exit arrives: here, after this submit, so the error comes from the
      // result (as in Python); a submit made after the pool broke throws the same error at once.
      const f2 = ex.submit(() => process.pid);
      await f2.result();
    } catch (e) {
      if (!(e instanceof BrokenProcessPool)) throw e;
      console.log(`could not start new tasks: ${e.message}`);
    }
    console.log(`main: the pool is broken: ${ex.isBroken}`);
  }
});
