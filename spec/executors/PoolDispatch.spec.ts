import type { PoolSnapshot } from '../../src/executors/pool/PoolStats';
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
