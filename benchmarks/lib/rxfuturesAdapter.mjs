// rxfutures, loaded from the built package (`dist/`, through the package's own `exports`), so the benchmark measures
// exactly what users install. One factory serves the three executors; an export missing from the build (a branch
// not merged yet) makes the adapter unavailable, and the runner notes it in the table instead of failing.
import { tasksFile, packageVersion } from './paths.mjs';
import { checkDoubles, range } from './ops.mjs';
import { queuedFootprint } from './memory.mjs';

/** The tasks as inline functions: self-contained, sent as source and compiled once per worker. */
const inline = {
  double: (x) => x * 2,
  fib: function fib(n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
  },
  size: (buffer) => buffer.byteLength,
  sumRecord: (record) => {
    let sum = record.id;
    for (const value of record.values) sum += value;
    return sum;
  },
  readBuffer: (bytes) => (bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0,
  /** Blocks its worker for `ms`, so that the tasks behind it stay queued (workload 5, memory). */
  hold: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** On the event loop the trivial task is an async function, as I/O-bound tasks are (and as mergeMap gets it). */
const inlineAsync = { ...inline, double: async (x) => x * 2 };

/** Which export of which entry an op needs. */
const needs = {
  mapOrdered: ['rxfutures/operators', 'mapOrdered'],
  mapUnordered: ['rxfutures/operators', 'mapUnordered'],
};

/**
 * An adapter for one rxfutures executor class.
 * @param options.exportName - `ThreadPoolExecutor`, `ProcessPoolExecutor` or `AsyncExecutor`.
 * @param options.tasks - `'inline'` (functions sent as source) or `'module'` (`moduleTask` of workers/tasks.cjs).
 * @param options.executorOptions - more options for the executor's constructor (besides `maxWorkers`).
 */
export function rxfuturesAdapter({ id, kind, exportName, tasks = 'inline', executorOptions = {} }) {
  const shown = Object.entries(executorOptions).map(([key, value]) => `${key}: ${value}`).join(', ');
  return {
    id,
    label:
      `rxfutures ${packageVersion('rxfutures')} ${exportName}${shown ? `({ ${shown} })` : ''}` +
      (tasks === 'module' ? ' (moduleTask)' : ''),
    kind,
    async available(op) {
      const [entry, name] = needs[op] ?? ['rxfutures', exportName];
      const loaded = await import(entry).catch(() => ({}));
      if (loaded[name] === undefined || (await import('rxfutures'))[exportName] === undefined) {
        const missing = loaded[name] === undefined ? `${entry} has no ${name}` : `rxfutures has no ${exportName}`;
        return `not in this build yet (${missing})`;
      }
      return undefined;
    },
    async open({ workers }) {
      const rxfutures = await import('rxfutures');
      const executor = new rxfutures[exportName]({ ...executorOptions, maxWorkers: workers });
      const fns =
        tasks === 'module'
          ? Object.fromEntries(['double', 'fib', 'size', 'sumRecord', 'readBuffer'].map((name) => [name, rxfutures.moduleTask(tasksFile, name)]))
          : kind === 'loop'
            ? inlineAsync
            : inline;
      const call = (op, arg, options) =>
        options?.transfer ? executor.submitWith({ transfer: [arg] }, fns[op], arg) : executor.submit(fns[op], arg);
      return {
        call,
        async map(n, { chunksize, buffersize, collect = 'forAwait' }) {
          const results = executor.map(fns.double, range(n), { chunksize, ...(buffersize === undefined ? {} : { buffersize }) });
          if (collect === 'toArray') {
            // One await for the whole array, as a p-map caller's.
            const { lastValueFrom, toArray } = (rxjsModule ??= await import('rxjs'));
            checkDoubles(await lastValueFrom(results.pipe(toArray())), 0);
            return;
          }
          const collected = [];
          for await (const result of results) collected.push(result);
          checkDoubles(collected, 0);
        },
        memory: (n) => queuedFootprint(executor, fns, n, workers),
        mapOrdered: (n, options) => operatorRun('mapOrdered', executor, fns.double, n, options),
        mapUnordered: (n, options) => operatorRun('mapUnordered', executor, fns.double, n, options),
        close: () => executor.shutdown({ cancelFutures: true, timeout: 1000 }),
      };
    },
  };
}

/** The modules the operator rows and map's toArray use, once loaded. */
let operatorModules;
let rxjsModule;

/** Workload 6: `n` items through `from(range).pipe(mapOrdered(executor, fn, options))`, every result checked. */
async function operatorRun(name, executor, fn, n, options) {
  // The table's args serve mergeMap too (`concurrency`); the operators refuse options they do not know.
  const { concurrency: _mergeMapOnly, ...operatorOptions } = options ?? {};
  // Loaded once (in the warm-up), not by an import() inside every timed run: p-map's adapter imports at open.
  const { operators, rxjs } = (operatorModules ??= { operators: await import('rxfutures/operators'), rxjs: await import('rxjs') });
  const { from, lastValueFrom, toArray } = rxjs;
  const results = await lastValueFrom(from(range(n)).pipe(operators[name](executor, fn, operatorOptions), toArray()));
  if (name === 'mapUnordered') checkDoublesInAnyOrder(results);
  else checkDoubles(results, 0);
}

/**
 * Checks that `results` holds `2 * i` for every i below its length, in any order: in O(n), without sorting (the
 * ordered rows and p-map check in O(n) too, so the check costs every row about the same).
 */
function checkDoublesInAnyOrder(results) {
  const seen = new Uint8Array(results.length);
  for (const result of results) {
    const index = result / 2;
    if (!Number.isInteger(index) || index < 0 || index >= results.length || seen[index] === 1) {
      throw new Error(`unordered results: ${result} is not a double of a fresh index below ${results.length}`);
    }
    seen[index] = 1;
  }
}
