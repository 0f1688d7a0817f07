/**
 * The demo (`npm run demo`): one CPU-heavy batch (counting the primes below 4,000,000 in 40 ranges, by trial
 * division) run three ways: serially on the main thread, then on a ThreadPoolExecutor and on a ProcessPoolExecutor,
 * each with a live progress bar, then a table of time and speedup. On the pools each range is a future whose
 * `progress` (the task calls `reportProgress`) moves the bar while the range is counted, not only when it ends.
 *
 * Executors: the worker pools, because the work is CPU-bound: the event loop (AsyncExecutor) would run it one range
 * after another, exactly like the serial run. Pool times include starting the workers. The task is an inline
 * function: its source is sent to each worker once, so it uses nothing from around it. `RXF_EXAMPLE_SPEED=20`
 * shrinks the batch twentyfold (`npm run examples` does).
 */
import { availableParallelism, loadavg } from 'node:os';
import { ProcessPoolExecutor, ThreadPoolExecutor, type Executor } from '../src';
import { countPrimes, printTable, progressBar, RANGE_SIZE, RANGES, ranges, serial, type Run } from './support/primeBatch';
import { runMain } from './support/runMain';

// expect-re: ^Counting the primes below [\d,]+ in 40 ranges, on \d+ cores$
// expect-re: ^serial \(main thread\) +1 +[\d.]+ s +1\.00x$
// expect-re: ^ThreadPoolExecutor +\d+ +[\d.]+ s +[\d.]+x$
// expect-re: ^ProcessPoolExecutor +\d+ +[\d.]+ s +[\d.]+x$
// expect-re: ^All three runs found [\d,]+ primes\.$

async function onPool(label: string, makePool: () => Executor): Promise<Run> {
  const bar = progressBar(label);
  const start = performance.now();
  const pool = makePool();
  try {
    // How much of each range is done: the latest progress its task reported, 1 once its future has the count.
    const done = ranges.map(() => 0);
    const redraw = () => bar.update(done.reduce((a, b) => a + b, 0));
    const futures = ranges.map((range, i) => {
      const future = pool.submit(countPrimes, range);
      future.progress.subscribe((share) => {
        done[i] = share as number;
        redraw();
      });
      future.addDoneCallback(() => {
        done[i] = 1;
        redraw();
      });
      return future;
    });
    const counts = await Promise.all(futures);
    const ms = performance.now() - start;
    return { label, workers: pool.maxWorkers, ms, primes: counts.reduce((a, b) => a + b, 0) };
  } finally {
    bar.stop();
    await pool.shutdown();
  }
}

runMain(async () => {
  const cores = availableParallelism();
  console.log(`Counting the primes below ${(RANGES * RANGE_SIZE).toLocaleString('en-US')} in ${RANGES} ranges, on ${cores} cores`);
  const runs = [
    await serial(),
    await onPool('ThreadPoolExecutor', () => new ThreadPoolExecutor({ maxWorkers: cores })),
    await onPool('ProcessPoolExecutor', () => new ProcessPoolExecutor({ maxWorkers: cores })),
  ];
  printTable(runs);
  const counts = new Set(runs.map((run) => run.primes));
  if (counts.size !== 1) throw new Error(`the runs disagree: ${[...counts].join(' vs ')} primes`);
  console.log(`\nAll three runs found ${runs[0]?.primes.toLocaleString('en-US')} primes.`);
  const [load] = loadavg();
  if (load !== undefined && load > cores / 2) {
    console.log(`Note: the load average was ${load.toFixed(1)} on ${cores} cores; other work competes with the workers.`);
  }
});
