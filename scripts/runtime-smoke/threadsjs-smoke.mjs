// The ThreadsJsExecutor part of the runtime smoke: a threads.js worker module behind the Executor API, under the
// runtime running this file. Prints "ok ..." then "threadsjs smoke done"; the program must exit by itself.
import { ThreadsJsExecutor } from 'rxfutures';
import { mapOrdered } from 'rxfutures/operators';
import { from, lastValueFrom, toArray } from 'rxjs';

const WAIT_MS = 30_000;
function same(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

const ex = new ThreadsJsExecutor({ workerModule: new URL('./threads-worker.mjs', import.meta.url), maxWorkers: 2 });
try {
  const add = ex.task('add');
  same(await ex.submit(add, 1, 2).result(WAIT_MS), 3, 'threads.js submit');
  const mapped = [];
  for await (const value of ex.map(add, [1, 2], [10, 20])) mapped.push(value);
  same(mapped, [11, 22], 'threads.js map');
  same(await lastValueFrom(from([1, 2, 3]).pipe(mapOrdered(ex, ex.task('double')), toArray())), [2, 4, 6], 'threads.js mapOrdered');
  console.log('ok ThreadsJsExecutor: submit, map, mapOrdered');
} finally {
  await ex.shutdown();
}
console.log('threadsjs smoke done');
