/**
 * futures_process_pool_map.py (PyMOTW, "Process Pools"): the same `map()` on a pool of processes; each task reports
 * the pid of the process that ran it, and the pids show that worker processes are reused for many tasks.
 *
 * Executor: ProcessPoolExecutor, because the point is separate processes (own memory, own CPU). The task is an
 * inline function: its source is sent to the workers, so it must not use variables from around it.
 */
import { ProcessPoolExecutor } from '../src';
import { range } from './support/python';
import { runMain } from './support/runMain';

// expect-re: ^ran task 5 in process \d+$
// expect-re: ^ran task 4 in process \d+$
// expect-re: ^ran task 3 in process \d+$
// expect-re: ^ran task 2 in process \d+$
// expect-re: ^ran task 1 in process \d+$
// expect-re: ^main: 5 tasks ran in [12] worker process\(es\), none of them this one$

runMain(async () => {
  const ex = new ProcessPoolExecutor({ maxWorkers: 2 });
  const results = ex.map((n: number) => [n, process.pid] as const, range(5, 0, -1));
  const pids = new Set<number>();
  for await (const [n, pid] of results) {
    console.log(`ran task ${n} in process ${pid}`);
    pids.add(pid);
  }
  const others = pids.has(process.pid) ? 'one of them this one' : 'none of them this one';
  console.log(`main: 5 tasks ran in ${pids.size} worker process(es), ${others}`);
  await ex.shutdown();
});
