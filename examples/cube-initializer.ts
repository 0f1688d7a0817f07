/**
 * CoderzColumn guide, section 7, "Thread/Process Pools with Initialization Methods": `initializer(...initArgs)` runs
 * once in each worker before its first task, so five workers print five lines. (If it threw, the pool would be
 * broken: every pending and new task would fail with BrokenThreadPool.)
 *
 * Executor: AsyncExecutor named like the guide's threads: its event-loop slots run the initializer once each, like
 * Python's threads; the tasks only sleep.
 */
import { AsyncExecutor, currentWorkerName } from '../src';
import { cube } from './support/cube';
import { range, repr } from './support/python';
import { runMain } from './support/runMain';
import { wallClock } from './support/timing';

// expect-any: Function to execute before starting thread/process(test_arg) : Thread_0
// expect-any: Function to execute before starting thread/process(test_arg) : Thread_1
// expect-any: Function to execute before starting thread/process(test_arg) : Thread_2
// expect-any: Function to execute before starting thread/process(test_arg) : Thread_3
// expect-any: Function to execute before starting thread/process(test_arg) : Thread_4
// expect: Results : [['Thread_0', 1], ['Thread_1', 8], ['Thread_2', 27], ['Thread_3', 64], ['Thread_4', 125], ['Thread_0', 216], ['Thread_1', 343], ['Thread_2', 512], ['Thread_3', 729], ['Thread_4', 1000]]

function initializer(x: string): void {
  console.log(`Function to execute before starting thread/process(${x}) : ${currentWorkerName()}`);
}

runMain(async () => {
  const stopClock = wallClock();
  {
    await using threadPool = new AsyncExecutor({
      maxWorkers: 5,
      threadNamePrefix: 'Thread',
      initializer,
      initArgs: ['test_arg'],
    });
    const result = threadPool.map(cube, range(1, 11)); // submit tasks
    const collected = [];
    for await (const r of result) collected.push(r);
    console.log(`\nResults : ${repr(collected)}\n`); // retrieve results
  }
  stopClock();
});
