import { ThreadPoolExecutor } from '../../src/executors/ThreadPoolExecutor';
import { describeExecutorContract } from './executorContract';

// The pool-specific rules, shared with ProcessPoolExecutor, are in Pool*.spec.ts (describe.each over both kinds).
describeExecutorContract('ThreadPoolExecutor', (options) => new ThreadPoolExecutor(options));

describe('ThreadPoolExecutor specifics', () => {
  const pools: ThreadPoolExecutor[] = [];
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.shutdown({ cancelFutures: true, timeout: 2000 })));
  });

  it('moves ArrayBuffers listed in transfer instead of copying them', async () => {
    const pool = new ThreadPoolExecutor({ maxWorkers: 1 });
    pools.push(pool);
    const buffer = new Uint8Array([1, 2, 3]).buffer;
    const future = pool.submitWith({ transfer: [buffer] }, (b: ArrayBuffer) => new Uint8Array(b).reduce((a, x) => a + x, 0), buffer);
    await expect(future).resolves.toBe(6);
    expect(buffer.byteLength).toBe(0); // detached: it was moved to the worker
  });

  it('gives each worker the resourceLimits', async () => {
    const pool = new ThreadPoolExecutor({ maxWorkers: 1, resourceLimits: { maxOldGenerationSizeMb: 48 } });
    pools.push(pool);
    const limits = await pool.submit(() => require('node:worker_threads').resourceLimits as { maxOldGenerationSizeMb: number });
    expect(limits.maxOldGenerationSizeMb).toBe(48);
  });
});
