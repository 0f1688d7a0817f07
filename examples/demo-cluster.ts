/**
 * The cluster demo (`npm run demo:cluster`): the demo's prime batch, serially and then over a queue in Redis with
 * three worker processes (each standing for a machine, started with `rxfutures worker`), with the same progress
 * bars and summary table. Uses the Redis at REDIS_URL (default redis://127.0.0.1:6379), or starts a redis-server of
 * its own on a free port if none answers. The task is a named task: the export `countPrimes` of the workers'
 * tasks module.
 */
import { join } from 'node:path';
import { from, lastValueFrom, tap, toArray } from 'rxjs';
import { mapOrdered } from '../operators';
import { QueueExecutor, namedTask } from '../src/queue';
import { withLocalQueue } from './support/localQueue';
import { printTable, progressBar, RANGE_SIZE, RANGES, ranges, serial, type Run } from './support/primeBatch';
import { runMain } from './support/runMain';
import type * as tasks from './tasks/primes';

// expect-re: ^Counting the primes below [\d,]+ in 40 ranges, over a queue with 3 workers$
// expect-re: ^serial \(main thread\) +1 +[\d.]+ s +1\.00x$
// expect-re: ^QueueExecutor +3 +[\d.]+ s +[\d.]+x$
// expect-re: ^Both runs found [\d,]+ primes\.$

const WORKERS = 3;
const tasksModule = join(__dirname, 'tasks/primes.js');

async function overQueue(url: string, queue: string, secret: string): Promise<Run> {
  const bar = progressBar('QueueExecutor');
  const start = performance.now();
  await using ex = new QueueExecutor({ queue, connection: url, secret });
  const counts = await lastValueFrom(
    from(ranges).pipe(
      mapOrdered(ex, namedTask<typeof tasks.countPrimes>('countPrimes')),
      tap(() => bar.increment()),
      toArray(),
    ),
  );
  bar.stop();
  return { label: 'QueueExecutor', workers: WORKERS, ms: performance.now() - start, primes: counts.reduce((a, b) => a + b, 0) };
}

runMain(async () => {
  console.log(`Counting the primes below ${(RANGES * RANGE_SIZE).toLocaleString('en-US')} in ${RANGES} ranges, over a queue with ${WORKERS} workers`);
  const spec = { name: 'demo', tasks: tasksModule, count: WORKERS, pool: 'threads', maxWorkers: 1 } as const;
  await withLocalQueue(spec, async ({ url, queue, secret }) => {
    const runs = [await serial(), await overQueue(url, queue, secret)];
    printTable(runs);
    if (runs[0]!.primes !== runs[1]!.primes) throw new Error(`the runs disagree: ${runs[0]!.primes} vs ${runs[1]!.primes} primes`);
    console.log(`\nBoth runs found ${runs[0]!.primes.toLocaleString('en-US')} primes.`);
  });
});
