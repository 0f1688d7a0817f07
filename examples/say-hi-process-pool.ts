/**
 * Educative, "Pool Executors", ProcessPoolExecutor: the `say_hi` tasks on a pool of processes, each printing its
 * worker's name and process id, which differ from the main process's id. Python chooses between forking and
 * spawning (`set_start_method`); Node always starts a fresh Node process (`child_process.fork` is a spawn), so
 * there is nothing to choose.
 *
 * Executor: ProcessPoolExecutor, because the point is the process each task runs in. The inline task fetches
 * `currentWorkerName` with `require('rxfutures')`, since it cannot use this file's imports.
 */
import { ProcessPoolExecutor } from '../src';
import { range } from './support/python';
import { runMain } from './support/runMain';

// expect-re: ^Main process id \d+$
// The ten processes start and print in any order (as in Python).
// expect-any: hi guest1 executed in thread id MainThread in process id
// expect-any: hi guest9 executed in thread id MainThread in process id
// expect-re: ^hi guest\d executed in thread id MainThread in process id \d+ with name ProcessPoolExecutor-\d+_\d+$
// expect: main: no task ran in the main process

function sayHi(item: string): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { currentWorkerName } = require('rxfutures') as typeof import('../src');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isMainThread } = require('node:worker_threads') as typeof import('node:worker_threads');
  const thread = isMainThread ? 'MainThread' : 'a worker thread';
  console.log(`hi ${item} executed in thread id ${thread} in process id ${process.pid} with name ${currentWorkerName()}`);
  return process.pid;
}

runMain(async () => {
  console.log(`Main process id ${process.pid}`);
  const executor = new ProcessPoolExecutor({ maxWorkers: 10 });
  const lst = range(1, 10).map((i) => executor.submit(sayHi, `guest${i}`));
  const pids = [];
  for (const future of lst) pids.push(await future.result());
  if (!pids.includes(process.pid)) console.log('main: no task ran in the main process');
  await executor.shutdown();
});
