import type { PoolExecutor } from '../../src/executors/pool/PoolExecutor';
import type { PoolSnapshot } from '../../src/executors/pool/PoolStats';
import type { PoolWorker } from '../../src/executors/pool/PoolWorker';
import { RUN, TASK_FIELDS } from '../../src/worker/protocol';
import { poolKinds, poolTracker } from './poolKinds';

/** A task that keeps its worker busy for a few milliseconds (CPU, not a timer). */
const spin = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end);
  return ms;
};

describe.each(poolKinds)('$name dispatch', (kind) => {
  const pools = poolTracker();
  afterEach(() => pools.cleanup());

  it('a burst after quick tasks is shared: no worker takes more than its fair share of the outstanding work', async () => {
    const pool = pools.make(kind, { maxWorkers: 2 });
    // Quick tasks one after another: one worker answers them all, so its prefetch window grows (the second worker is
    // not even started yet). Before the fair share, that worker took a whole burst of slow tasks in one message.
    for (let i = 0; i < 30; i++) await pool.submit((x: number) => x, i);
    let latest: PoolSnapshot | undefined;
    const subscription = pool.events.subscribe((event) => (latest = event.stats));
    const burst = Array.from({ length: 64 }, () => pool.submit(spin, 2));
    await new Promise((resolve) => setImmediate(resolve)); // the dispatcher has run once
    // At most half of the 64 left the pool's queue for the first worker; the rest wait for whichever worker is free.
    expect(latest?.queued).toBeGreaterThanOrEqual(31);
    await expect(Promise.all(burst.map((future) => future.result(30_000)))).resolves.toHaveLength(64);
    subscription.unsubscribe();
  });

  it("a quick task's result is not held back by a slow synchronous task sent with it in the same batch", async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    // Quick answers grow the worker's window, so the next two tasks travel to it in one message.
    await Promise.all(Array.from({ length: 500 }, (_, i) => pool.submit((x: number) => x, i)));
    const quick = pool.submit((x: number) => x + 1, 1);
    const slow = pool.submit(spin, 400);
    await expect(quick.result(30_000)).resolves.toBe(2);
    // Both results came back in one message before the fix, so the slow task was already done here.
    expect(slow.running()).toBe(true);
    await expect(slow.result(30_000)).resolves.toBe(400);
  });
});

describe('large buffers over a copying transport', () => {
  const pools = poolTracker();
  afterEach(() => pools.cleanup());

  /** Records the number of tasks in every RUN message the pool's workers are sent from now on. */
  function recordBatches(pool: PoolExecutor): number[][] {
    const batches: number[][] = [];
    const workers = (pool as unknown as { workers: Set<PoolWorker> }).workers;
    for (const worker of workers) {
      const send = worker.handle.send.bind(worker.handle);
      worker.handle.send = (message, transfer) => {
        const [type, , tasks] = message as [number, unknown, unknown[]];
        // The payload of each task (its third field) is a lone argument here: record its size in bytes, 0 if none.
        if (type === RUN) batches.push(Array.from({ length: tasks.length / TASK_FIELDS }, (_, i) => (tasks[i * TASK_FIELDS + 2] as ArrayBuffer)?.byteLength ?? 0));
        send(message, transfer);
      };
    }
    return batches;
  }

  it.each(poolKinds)('$name: a task with a large buffer travels alone only where the transport copies it', async (kind) => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    // Quick answers grow the worker's prefetch window, so a burst travels in few messages.
    await Promise.all(Array.from({ length: 500 }, (_, i) => pool.submit((x: number) => x, i)));
    const batches = recordBatches(pool);
    const size = (buffer: ArrayBuffer) => buffer.byteLength;
    const large = 1 << 20;
    const burst = [
      pool.submit(size, new ArrayBuffer(16)),
      pool.submit(size, new ArrayBuffer(large)),
      pool.submit(size, new ArrayBuffer(large)),
      pool.submit(size, new ArrayBuffer(16)),
      pool.submit(size, new ArrayBuffer(16)),
    ];
    await expect(Promise.all(burst.map((future) => future.result(30_000)))).resolves.toEqual([16, large, large, 16, 16]);
    const withLarge = batches.filter((batch) => batch.includes(large));
    if (kind.name === 'ProcessPoolExecutor') {
      // Each large task alone; the small ones around them still share messages.
      expect(withLarge).toEqual([[large], [large]]);
      expect(batches.flat()).toEqual([16, large, large, 16, 16]);
      expect(batches.some((batch) => batch.length > 1)).toBe(true);
    } else {
      // A thread pool moves its copy to the worker: a large buffer costs a message nothing, so it is batched.
      expect(withLarge.some((batch) => batch.length > 1)).toBe(true);
    }
  });
});
