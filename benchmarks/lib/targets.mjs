// The performance targets of the pools and operators issues, checked against a run's medians. Each target reads
// the figures it needs; when one is missing (a system skipped or failed) the target shows as not measured.
import { formatNumber } from './stats.mjs';

const x = (value) => `${formatNumber(value)}×`;

/**
 * The targets as rows { target, issue, measured, met } where met is true, false or undefined (not measured).
 * @param median - (tableId, rowKey) => the row's median per item (or value), or undefined.
 * @param speedup - (rowKey) => the row's CPU speedup over the serial run, or undefined.
 */
export function checkTargets({ median, speedup }) {
  const ratio = (table, a, b) => {
    const [top, bottom] = [median(table, a), median(table, b)];
    return top === undefined || bottom === undefined ? undefined : top / bottom;
  };
  const rule = (target, issue, value, passes, show) => ({
    target,
    issue,
    measured: value === undefined ? 'not measured' : show(value),
    met: value === undefined ? undefined : passes(value),
  });
  const us = (unit) => (value) => `${formatNumber(value)} ${unit}`;
  const T = 'rxfutures-thread/bulk';
  const P = 'rxfutures-process/bulk';
  return [
    rule('Thread pool bulk ≤ 1.5× raw postMessage', 3, ratio('bulk', T, 'raw-worker-threads/bulk'), (v) => v <= 1.5, x),
    rule('Thread pool bulk ≥ 4× faster than piscina', 3, ratio('bulk', 'piscina/bulk', T), (v) => v >= 4, x),
    rule('Thread pool latency ≤ raw postMessage round trip', 3, ratio('latency', 'rxfutures-thread/latency', 'raw-worker-threads/latency'), (v) => v <= 1, x),
    rule('Process pool bulk ≤ 1.3× raw fork IPC', 3, ratio('bulk', P, 'raw-fork/bulk'), (v) => v <= 1.3, x),
    rule('Process pool bulk ≥ 5× faster than Python ProcessPoolExecutor', 3, ratio('bulk', 'python-process/bulk', P), (v) => v >= 5, x),
    rule('Process pool map, chunksize 256 < 1 us/item', 3, median('map-256', 'rxfutures-process/map'), (v) => v < 1, us('us/item')),
    // Issue 12: arguments are copied at submit, and that must not cost the pools their lead over one raw message per task.
    ...[
      ['bulk', 'bulk', 'numbers'],
      ['bulk-object', 'bulkObject', 'object argument'],
      ['bulk-buffer', 'bulkBuffer', '4 KB Buffer argument'],
    ].flatMap(([table, op, what]) => [
      rule(`Thread pool bulk, ${what} ≤ 1.0× raw postMessage`, 12, ratio(table, `rxfutures-thread/${op}`, `raw-worker-threads/${op}`), (v) => v <= 1, x),
      rule(`Process pool bulk, ${what} ≤ 0.5× raw fork IPC`, 12, ratio(table, `rxfutures-process/${op}`, `raw-fork/${op}`), (v) => v <= 0.5, x),
    ]),
    // Issue 16: large payloads, the pinned round trip, and the peers users pick. "Ahead" = a lower median.
    ...[
      ['payload-copy', '1 MB'],
      ['payload-copy-16mb', '16 MB'],
      ['payload-copy-64kb', '64 KB'],
    ].flatMap(([table, size]) => [
      rule(`Thread pool, ${size} copied per task ≤ 1.0× raw postMessage`, 16, ratio(table, 'rxfutures-thread/payload', 'raw-worker-threads/payload'), (v) => v <= 1, x),
      ...['piscina', 'tinypool', 'workerpool', 'poolifier-thread'].map((peer) =>
        rule(`Thread pool, ${size} copied per task, ahead of ${peer}`, 16, ratio(table, 'rxfutures-thread/payload', `${peer}/payload`), (v) => v < 1, x),
      ),
      rule(`Process pool, ${size} copied per task ≤ 1.0× raw fork IPC`, 16, ratio(table, 'rxfutures-process/payload', 'raw-fork/payload'), (v) => v <= 1, x),
      rule(`Process pool, ${size} copied per task, ahead of Python ProcessPoolExecutor`, 16, ratio(table, 'rxfutures-process/payload', 'python-process/payload'), (v) => v < 1, x),
    ]),
    rule(
      'Pinned round trip: thread pool’s own cost ≤ 5 us over raw postMessage (awaiting a promise)',
      16,
      (() => {
        const [pool, raw] = [median('latency-pinned', 'rxfutures-thread/latency'), median('latency-pinned', 'raw-worker-threads/latency')];
        return pool === undefined || raw === undefined ? undefined : pool - raw;
      })(),
      (v) => v <= 5,
      (v) => `${formatNumber(v)} us over raw`,
    ),
    rule('AsyncExecutor submit, 8 at a time, ahead of p-limit', 16, ratio('loop-limit', 'rxfutures-async/bulk', 'p-limit/bulk'), (v) => v < 1, x),
    // p-map reads 8 ahead and is awaited once: the same call on AsyncExecutor is map with buffersize 8, collected
    // by toArray. Python's eager map (every task submitted at the call, one await per result) is shown beside it.
    rule('AsyncExecutor.map in p-map\'s shape (buffersize 8, toArray), ahead of p-map', 16, ratio('loop-limit', 'rxfutures-async/map-buffersize', 'p-map/map'), (v) => v < 1, x),
    rule('AsyncExecutor.map, eager as Python\'s (every task submitted at the call), ahead of p-map', 16, ratio('loop-limit', 'rxfutures-async/map', 'p-map/map'), (v) => v < 1, x),
    rule('mapOrdered on AsyncExecutor, 8 at a time, ahead of p-map', 16, ratio('loop-limit', 'rxfutures-async/mapOrdered', 'p-map/map'), (v) => v < 1, x),
    rule('mapUnordered on AsyncExecutor, 8 at a time, ahead of p-map', 16, ratio('loop-limit', 'rxfutures-async/mapUnordered', 'p-map/map'), (v) => v < 1, x),
    rule('CPU-bound speedup ≥ 1.9× on 2 workers, thread pool', 3, speedup('rxfutures-thread/cpu'), (v) => v >= 1.9, x),
    rule('CPU-bound speedup ≥ 1.9× on 2 workers, process pool', 3, speedup('rxfutures-process/cpu'), (v) => v >= 1.9, x),
    rule('Queue submit in bulk ≤ 1.0× raw BullMQ per job', 14, ratio('queue-bulk', 'rxfutures-queue/bulk', 'raw-bullmq/bulk'), (v) => v <= 1, x),
    rule('Queue sequential round trip ≤ raw BullMQ’s', 14, ratio('queue-latency', 'rxfutures-queue/latency', 'raw-bullmq/latency'), (v) => v <= 1, x),
    rule('Queue map, chunksize 256 < 5 us/item', 14, median('queue-map-256', 'rxfutures-queue/map'), (v) => v < 5, us('us/item')),
    rule('Queue map, chunksize 256 ≥ 10× faster per item than Dask’s client.map', 14, ratio('queue-map-256', 'dask/map', 'rxfutures-queue/map'), (v) => v >= 10, x),
    rule('asCompleted ≤ 0.5 us per future', 7, median('as-completed', 'rxfutures-core/asCompleted'), (v) => v <= 0.5, us('us')),
    rule('wait ≤ 0.5 us per future', 7, median('as-completed', 'rxfutures-core/wait'), (v) => v <= 0.5, us('us')),
    ...['async', 'thread', 'process'].map((kind) =>
      rule(`≤ 300 bytes per queued future, ${kind}`, 7, median('memory', `rxfutures-${kind}/memory`), (v) => v <= 300, us('B')),
    ),
    rule('mapOrdered on AsyncExecutor ≤ 1.2× mergeMap', 4, ratio('operators', 'rxfutures-async/mapOrdered', 'rxjs/mergeMap'), (v) => v <= 1.2, x),
    rule(
      'mapOrdered on AsyncExecutor ≤ 1.2× mergeMap, short source (10,000 items; quick: 2,000)',
      4,
      ratio('operators', 'rxfutures-async/mapOrdered-10k', 'rxjs/mergeMap-10k'),
      (v) => v <= 1.2,
      x,
    ),
    rule(
      'mapOrdered on AsyncExecutor({ taskContext: false }) ≤ 1.2× mergeMap, short source',
      4,
      ratio('operators', 'rxfutures-async-nocontext/mapOrdered-10k', 'rxjs/mergeMap-10k'),
      (v) => v <= 1.2,
      x,
    ),
    rule(
      'mapOrdered on the thread pool (chunked) reaches the pool’s own bulk throughput',
      4,
      (() => {
        const [op, bulk] = [median('operators', 'rxfutures-thread/mapOrdered'), median('bulk', T)];
        return op === undefined || bulk === undefined ? undefined : op / bulk;
      })(),
      (v) => v <= 1,
      (v) => `${x(v)} the bulk cost per task`,
    ),
  ];
}
