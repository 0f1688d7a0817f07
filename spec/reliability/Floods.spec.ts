/**
 * Row 15: floods. 100,000 submissions at once all complete with their own results; with 15 x maxWorkers blocked
 * tasks, exactly maxWorkers workers exist.
 */
import { AsyncExecutor } from '../../src/executors/AsyncExecutor';
import type { PoolEvent } from '../../src/executors/pool/PoolStats';
import { bounded, poolKinds, reliabilitySuite, spawnedCount, WAIT_MS } from './harness';

describe.each(poolKinds)('$name row 15: floods', (kind) => {
  const h = reliabilitySuite();

  it('100,000 submissions at once complete, each with its own result', async () => {
    const pool = h.make(kind, { maxWorkers: 2 });
    const futures = Array.from({ length: 100_000 }, (_, i) => pool.submit((n: number) => n * 2, i));
    const results = await bounded(Promise.all(futures), WAIT_MS, '100,000 tasks');
    expect(results.every((value, i) => value === i * 2)).toBe(true);
  });

  it('15 x maxWorkers blocked tasks: exactly maxWorkers workers exist', async () => {
    const maxWorkers = 2;
    const pool = h.make(kind, { maxWorkers });
    const events: PoolEvent[] = [];
    pool.events.subscribe((event) => events.push(event));
    const before = spawnedCount();
    const futures = Array.from({ length: 15 * maxWorkers }, (_, i) =>
      pool.submit((n: number) => new Promise((resolve) => setTimeout(() => resolve(n), 20)), i),
    );
    await bounded(Promise.all(futures), WAIT_MS, 'blocked tasks');
    expect(spawnedCount() - before).toBe(maxWorkers);
    expect(Math.max(...events.map((event) => event.stats.workers))).toBe(maxWorkers);
    expect(Math.max(...events.map((event) => event.stats.running))).toBeGreaterThanOrEqual(maxWorkers);
  });
});

describe('AsyncExecutor row 15: floods', () => {
  const h = reliabilitySuite();

  it('100,000 submissions at once complete, each with its own result', async () => {
    const executor = h.track(new AsyncExecutor({ maxWorkers: 4 }));
    const futures = Array.from({ length: 100_000 }, (_, i) => executor.submit((n: number) => n * 2, i));
    const results = await bounded(Promise.all(futures), WAIT_MS, '100,000 tasks');
    expect(results.every((value, i) => value === i * 2)).toBe(true);
  });
});
