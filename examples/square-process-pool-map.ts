/**
 * Educative, "Pool Executors", map() on a ProcessPoolExecutor: ten squares, each task printing the pid of its
 * process, first with `chunksize: 1` (one argument per message to a worker), then with `chunksize: 5` (five per
 * message, so at most two messages). The results come in input order either way; how the work spreads over the
 * processes is the pool's choice, and the example prints it.
 *
 * Executor: ProcessPoolExecutor, because `chunksize` matters where each message crosses a process boundary.
 */
import { ProcessPoolExecutor } from '../src';
import { range } from './support/python';
import { runMain } from './support/runMain';

// expect: chunksize 1:
// expect-re: ^Executed in process with id \d+$
// expect: 1
// expect: 100
// expect-re: ^chunksize 1: 10 squares ran in \d+ process\(es\)$
// expect: chunksize 5:
// expect: 100
// expect-re: ^chunksize 5: 10 squares ran in [12] process\(es\)$

function square(item: number): [number, number] {
  console.log(`Executed in process with id ${process.pid}`);
  return [item * item, process.pid];
}

runMain(async () => {
  const executor = new ProcessPoolExecutor({ maxWorkers: 10 });
  for (const chunksize of [1, 5]) {
    console.log(`chunksize ${chunksize}:`);
    const pids = new Set<number>();
    for await (const [sq, pid] of executor.map(square, range(1, 11), { chunksize })) {
      console.log(sq);
      pids.add(pid);
    }
    console.log(`chunksize ${chunksize}: 10 squares ran in ${pids.size} process(es)`);
  }
  await executor.shutdown();
});
