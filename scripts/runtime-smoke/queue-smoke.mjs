// The queue part of the runtime smoke: a QueueExecutor and a worker (thread pool) on one Redis, under the runtime
// running this file. Prints "ok ..." lines, then "queue smoke done"; the program must exit by itself.
import { QueueExecutor, namedTask, runWorker } from 'rxfutures/queue';
import { mapOrdered } from 'rxfutures/operators';
import { from, lastValueFrom, toArray } from 'rxjs';

const connection = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const queue = `rxf-smoke-${process.pid}-${Date.now()}`;
const WAIT_MS = 30_000;

function same(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

const worker = await runWorker({ queue, connection, tasks: new URL('./queue-tasks.mjs', import.meta.url), pool: 'threads', maxWorkers: 2, log: () => undefined });
const ex = new QueueExecutor({ queue, connection });
try {
  const square = namedTask('square');
  same(await ex.submit(square, 7).result(WAIT_MS), 49, 'queue submit');
  const mapped = [];
  for await (const value of ex.map(square, [1, 2, 3, 4], { chunksize: 2 })) mapped.push(value);
  same(mapped, [1, 4, 9, 16], 'queue map');
  same(await lastValueFrom(from([3, 2]).pipe(mapOrdered(ex, square), toArray())), [9, 4], 'queue mapOrdered');
  console.log('ok QueueExecutor: submit, map, mapOrdered over a worker on a thread pool');
} finally {
  await ex.shutdown();
  await worker.close();
}
console.log('queue smoke done');
