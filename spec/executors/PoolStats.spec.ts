/**
 * Pool statistics count calls, not messages: a `map` chunk of 50 calls counts 50 wherever the snapshot is read,
 * on demand (`pool.stats()`) or from the `events` stream.
 */
import { firstValueFrom, from, lastValueFrom, toArray } from 'rxjs';
import { mapOrdered } from '../../operators/mapOrdered';
import type { PoolEvent } from '../../src/executors/pool/PoolStats';
import { poolKinds, poolTracker } from './poolKinds';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(poolKinds)('$name stats', (kind) => {
  const pools = poolTracker();
  afterEach(() => pools.cleanup());

  it('stats() counts every call of a chunked map, and the events stream agrees', async () => {
    const pool = pools.make(kind, { maxWorkers: 2 });
    expect(pool.stats()).toMatchObject({ queued: 0, running: 0, workers: 0, completed: 0, failed: 0 });
    const events: PoolEvent[] = [];
    const subscription = pool.events.subscribe((event) => events.push(event));
    const squares = await lastValueFrom(pool.map((n: number) => n * n, range(2000), { chunksize: 50 }).pipe(toArray()));
    subscription.unsubscribe();
    expect(squares).toHaveLength(2000);
    expect(pool.stats()).toMatchObject({ queued: 0, running: 0, completed: 2000, failed: 0 });
    expect(events.at(-1)!.stats.completed).toBe(2000);
    // The time summaries count what travelled: 40 chunks, each run as one.
    expect(pool.stats().runTime.count).toBe(40);
  });

  it('counts the calls of operator chunks and of failed chunks, with nobody subscribed', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const doubled = await firstValueFrom(from(range(100)).pipe(mapOrdered(pool, (n: number) => n * 2, { chunksize: 10 }), toArray()));
    expect(doubled).toHaveLength(100);
    const failing = (n: number) => {
      if (n === 60) throw new Error('sixty');
      return n;
    };
    await expect(lastValueFrom(pool.map(failing, range(100), { chunksize: 50 }))).rejects.toThrow('sixty');
    // The failed chunk (50..99) counts all its 50 calls as failed; the first chunk's 50 completed.
    expect(pool.stats()).toMatchObject({ completed: 150, failed: 50, queued: 0, running: 0 });
  });

  it('queued and running count calls while they wait', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const blocker = pool.submit(() => new Promise((resolve) => setTimeout(resolve, 500)));
    const results = lastValueFrom(pool.map((n: number) => n, range(100), { chunksize: 10 }).pipe(toArray()));
    expect(pool.stats()).toMatchObject({ queued: 101, running: 0 });
    for (let i = 0; i < 1000 && !blocker.running(); i++) await sleep(5); // sent to the worker, which is now busy
    const { queued, running, completed } = pool.stats();
    expect(blocker.running()).toBe(true);
    expect({ completed, all: queued + running }).toEqual({ completed: 0, all: 101 });
    expect(running).toBeGreaterThanOrEqual(1);
    await blocker;
    await expect(results).resolves.toHaveLength(100);
    expect(pool.stats()).toMatchObject({ queued: 0, running: 0, completed: 101 });
  });
});
