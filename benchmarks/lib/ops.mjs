// Workload shapes shared by the adapters. Each takes the adapter's one-task function `call(op, arg, options)`, so
// every system runs the same loop and only its own transport differs. Results are checked, so a broken adapter
// cannot look fast.

/** Workload 1: `n` trivial tasks submitted at once, then all awaited. */
export async function bulk(call, n) {
  const pending = new Array(n);
  for (let i = 0; i < n; i++) pending[i] = call('double', i);
  const results = await Promise.all(pending);
  checkDoubles(results, 0);
}

/**
 * Workload 1 with an object argument: `n` tasks submitted at once, each given a fresh `{ id, values }` with 16
 * numbers (as an application builds one per call), then all awaited. The task returns `id` plus the sum of `values`.
 */
export async function bulkObject(call, n) {
  const pending = new Array(n);
  for (let i = 0; i < n; i++) {
    const values = new Array(16);
    for (let j = 0; j < 16; j++) values[j] = i + j;
    pending[i] = call('sumRecord', { id: i, values });
  }
  const results = await Promise.all(pending);
  for (let i = 0; i < n; i++) {
    if (results[i] !== 17 * i + 120) throw new Error(`bulkObject: task ${i} returned ${results[i]}, expected ${17 * i + 120}`);
  }
}

/**
 * Workload 1 with a buffer argument: `n` tasks submitted at once, each given a fresh 4 KB Buffer holding its number
 * in the first four bytes, then all awaited. The task reads the number back.
 */
export async function bulkBuffer(call, n) {
  const pending = new Array(n);
  for (let i = 0; i < n; i++) {
    const bytes = Buffer.allocUnsafe(4096);
    bytes.writeUInt32LE(i, 0);
    pending[i] = call('readBuffer', bytes);
  }
  const results = await Promise.all(pending);
  for (let i = 0; i < n; i++) {
    if (results[i] !== i) throw new Error(`bulkBuffer: task ${i} returned ${results[i]}, expected ${i}`);
  }
}

/** Workload 2: `n` tasks one after the other, each awaited before the next is submitted (round-trip latency). */
export async function latency(call, n) {
  for (let i = 0; i < n; i++) {
    const result = await call('double', i);
    if (result !== i * 2) throw new Error(`latency: task ${i} returned ${result}`);
  }
}

/** Workload 4: `n` CPU-bound tasks at once. */
export async function cpu(call, n, { fib }) {
  const results = await Promise.all(Array.from({ length: n }, () => call('fib', fib)));
  const expected = fibonacci(fib);
  if (results.some((result) => result !== expected)) throw new Error('cpu: a task returned a wrong Fibonacci number');
}

/**
 * Workload 7: `n` tasks each sending a fresh buffer of `bytes` bytes, copied or transferred, with at most
 * `inFlight` buffers outstanding so memory stays bounded. The task returns the size it got.
 */
export async function payload(call, n, { bytes, transfer, inFlight }) {
  let next = 0;
  const lane = async () => {
    while (next < n) {
      next++;
      const buffer = new ArrayBuffer(bytes);
      const got = await call('size', buffer, { transfer });
      if (got !== bytes) throw new Error(`payload: the task saw ${got} bytes, not ${bytes}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
}

/** Checks that `results[i] === 2 * (first + i)`: the pool returned every result, in the right place. */
export function checkDoubles(results, first) {
  for (let i = 0; i < results.length; i++) {
    if (results[i] !== (first + i) * 2) throw new Error(`result ${i} is ${results[i]}, expected ${(first + i) * 2}`);
  }
}

/** The n-th Fibonacci number, computed fast here to check the workers' slow answers. */
export function fibonacci(n) {
  let [a, b] = [0, 1];
  for (let i = 0; i < n; i++) [a, b] = [b, a + b];
  return a;
}

/** An array 0..n-1. */
export function range(n) {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * Workload 3 for pools without `map(chunksize)`: the items go out in chunks of `chunksize` (one task per chunk,
 * `doubleAll`), or one task per item when `chunksize` is 1, all at once; the results are put back in order.
 */
export async function mapChunked(call, n, { chunksize }) {
  const items = range(n);
  if (chunksize === 1) {
    checkDoubles(await Promise.all(items.map((item) => call('double', item))), 0);
    return;
  }
  const chunks = [];
  for (let i = 0; i < n; i += chunksize) chunks.push(call('doubleAll', items.slice(i, i + chunksize)));
  checkDoubles((await Promise.all(chunks)).flat(), 0);
}

/** RxJS, once the mergeMap op has run (its warm-up). */
let rxjsModule;

/** Workload 6 baseline: `n` items through RxJS `mergeMap(item => call('double', item), concurrency)`. */
export async function mergeMap(call, n, { concurrency }) {
  // Loaded once, in the warm-up, as the rxfutures operator rows load theirs: not resolved again inside the clock.
  const rxjs = (rxjsModule ??= await import('rxjs'));
  const results = await rxjs.lastValueFrom(
    rxjs.from(range(n)).pipe(
      rxjs.mergeMap((item) => call('double', item), concurrency),
      rxjs.toArray(),
    ),
  );
  checkDoubles(results.sort((a, b) => a - b), 0);
}
