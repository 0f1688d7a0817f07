// Soak test (issue 6): a million mixed tasks through each pool kind - successes, failures, cancellations, aborts,
// per-task timeouts, and a worker killed every few thousand tasks in 'respawn' mode - then checks that no future is
// left pending and prints the figures, with resident memory before and after.
// Usage: npm run soak            (SOAK_TASKS=200000 npm run soak for a shorter run)
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ThreadPoolExecutor, ProcessPoolExecutor, BrokenExecutor } = require('../dist/cjs/src/index.js');

const TASKS = Number(process.env.SOAK_TASKS ?? 1_000_000);
const WAVE = 10_000;
const KILL_EVERY = 5_000;
const MB = 1024 * 1024;

const gc = () => {
  for (let i = 0; i < 3; i++) globalThis.gc?.();
};

/** Submits one wave and classifies every outcome; returns the counts. */
async function wave(pool, start, size, counts) {
  const futures = [];
  for (let i = start; i < start + size; i++) {
    const kind = i % KILL_EVERY === KILL_EVERY - 1 ? 'kill' : ['ok', 'ok', 'ok', 'ok', 'ok', 'fail', 'cancel', 'abort', 'timeout', 'ok'][i % 10];
    let future;
    if (kind === 'ok') future = pool.submit((n) => n * 2, i);
    else if (kind === 'fail') future = pool.submit((n) => { throw new RangeError(`task ${n}`); }, i);
    else if (kind === 'kill') future = pool.submit(() => process.exit(1));
    else if (kind === 'cancel') {
      future = pool.submit((n) => n, i);
      future.cancel();
    } else if (kind === 'abort') {
      const controller = new AbortController();
      future = pool.submitWith({ signal: controller.signal }, (n) => n, i);
      controller.abort(new Error('aborted'));
    } else future = pool.submitWith({ timeout: 10_000 }, (n) => n * 2, i);
    futures.push([kind, i, future]);
  }
  await Promise.all(futures.map(([, , future]) => future.exception(60_000).catch(() => undefined)));
  for (const [kind, i, future] of futures) {
    if (!future.done()) counts.pending++;
    else if (future.cancelled()) counts.cancelled++;
    else {
      const error = await future.exception();
      if (error === undefined) {
        if ((await future.result()) !== i * 2) counts.wrong++;
        else counts.succeeded++;
      } else if (kind === 'kill' && error instanceof BrokenExecutor) counts.workerDeaths++;
      // A task the dying worker had already been sent fails with it (respawn mode: only that worker's tasks).
      else if (error instanceof BrokenExecutor) counts.lostWithWorker++;
      else if (kind === 'fail' && error instanceof RangeError) counts.failed++;
      else if (kind === 'abort' && error.message === 'aborted') counts.aborted++;
      else counts.wrong++;
    }
  }
  const expectedCancel = futures.filter(([kind]) => kind === 'cancel').length;
  if (counts.cancelled < expectedCancel) counts.wrong++;
}

async function soak(name, Pool) {
  const pool = new Pool({ maxWorkers: 2, onWorkerExit: 'respawn' });
  const counts = { succeeded: 0, failed: 0, cancelled: 0, aborted: 0, workerDeaths: 0, lostWithWorker: 0, pending: 0, wrong: 0 };
  // Warm up until memory plateaus: workers started and replaced a few times, code compiled, allocator pools grown.
  for (let start = 0; start < 4 * KILL_EVERY; start += WAVE) await wave(pool, start, WAVE, { ...counts });
  gc();
  const before = process.memoryUsage();
  const started = performance.now();
  let middle;
  for (let start = 0; start < TASKS; start += WAVE) {
    await wave(pool, start, Math.min(WAVE, TASKS - start), counts);
    if (middle === undefined && start + WAVE >= TASKS / 2) middle = process.memoryUsage().rss;
  }
  const elapsed = performance.now() - started;
  gc();
  const after = process.memoryUsage();
  await pool.shutdown();
  const figures = {
    pool: name,
    tasks: TASKS,
    seconds: +(elapsed / 1000).toFixed(1),
    usPerTask: +((elapsed * 1000) / TASKS).toFixed(1),
    ...counts,
    rssBeforeMB: +(before.rss / MB).toFixed(1),
    rssMiddleMB: +(middle / MB).toFixed(1),
    rssAfterMB: +(after.rss / MB).toFixed(1),
    heapBeforeMB: +(before.heapUsed / MB).toFixed(1),
    heapAfterMB: +(after.heapUsed / MB).toFixed(1),
  };
  console.log(JSON.stringify(figures));
  return figures;
}

const results = [await soak('ThreadPoolExecutor', ThreadPoolExecutor), await soak('ProcessPoolExecutor', ProcessPoolExecutor)];
const bad = results.filter((r) => r.pending > 0 || r.wrong > 0 || r.rssAfterMB - r.rssBeforeMB > 8);
console.log(bad.length === 0 ? 'soak passed: no future pending, no wrong outcome, memory flat' : 'soak FAILED');
process.exitCode = bad.length === 0 ? 0 : 1;
