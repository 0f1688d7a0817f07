// Workload 5b: memory per queued future. Every worker is held busy, `n` trivial tasks are queued behind them, and
// the heap (plus external memory, where a pool may keep serialized messages) is measured after a full GC before and
// after. The array holding the futures counts, as the Python list does in Python's figure. Needs `--expose-gc`.

/** Bytes per queued future on `executor`; `fns.hold(ms)` must occupy a worker for `ms`. */
export async function queuedFootprint(executor, fns, n, workers) {
  if (typeof globalThis.gc !== 'function') throw new Error('the memory workload needs node --expose-gc');
  const holds = Array.from({ length: workers }, () => executor.submit(fns.hold, 600_000));
  await until(() => holds.every((future) => future.running()), 10_000, 'the hold tasks did not start');
  const before = settledHeap();
  const futures = new Array(n);
  for (let i = 0; i < n; i++) futures[i] = executor.submit(fns.double, i);
  const after = settledHeap();
  if (futures[n - 1].state !== 'PENDING') throw new Error('the queued tasks started before the heap was measured');
  return { value: (after - before) / n };
}

/** Heap used plus external memory after two full collections. */
export function settledHeap() {
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

async function until(condition, ms, message) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
