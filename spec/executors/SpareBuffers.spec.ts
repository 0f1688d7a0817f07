/**
 * Mid-sized buffer arguments of a thread pool are copied into lent buffers (SpareBuffers) that postMessage copies
 * again; each is given back once its task was answered and reused by a later copy of the same length. These tests
 * check the reuse, its bounds, and that a pool reuses them without handing a task another task's bytes.
 */
import { SpareBuffers } from '../../src/executors/pool/SpareBuffers';
import { ThreadPoolExecutor } from '../../src/executors/ThreadPoolExecutor';

const WAIT_MS = 60_000;

describe('SpareBuffers', () => {
  afterEach(() => jest.useRealTimers());

  it('a buffer given back is the next one taken of its length, and only of its length', () => {
    const spares = new SpareBuffers();
    const first = spares.take(65536);
    expect(first.byteLength).toBe(65536);
    spares.give(first);
    expect(spares.take(65535)).not.toBe(first);
    expect(spares.take(65536)).toBe(first);
    expect(spares.take(65536)).not.toBe(first);
  });

  it('keeps at most 8 MiB of spares, and none of a buffer moved away (no bytes left)', () => {
    const spares = new SpareBuffers();
    const taken = Array.from({ length: 129 }, () => spares.take(65536));
    for (const buffer of taken) spares.give(buffer);
    const again = new Set(Array.from({ length: 129 }, () => spares.take(65536)));
    expect(taken.filter((buffer) => again.has(buffer))).toHaveLength(128);
    const moved = spares.take(1024);
    structuredClone(moved, { transfer: [moved] });
    spares.give(moved);
    expect(spares.take(0)).not.toBe(moved);
  });

  it('a pool that lends larger buffers keeps as many bytes as it says (a process pool: 16 MiB, 1 MiB buffers)', () => {
    const spares = new SpareBuffers(16 << 20);
    const taken = Array.from({ length: 17 }, () => spares.take(1 << 20));
    for (const buffer of taken) spares.give(buffer);
    const again = new Set(Array.from({ length: 17 }, () => spares.take(1 << 20)));
    expect(taken.filter((buffer) => again.has(buffer))).toHaveLength(16);
  });

  it('a length whose spares were all taken leaves no list behind', () => {
    const spares = new SpareBuffers();
    const buffer = spares.take(20_000);
    spares.give(buffer);
    expect(spares.take(20_000)).toBe(buffer);
    expect((spares as unknown as { free: Map<number, unknown> }).free.size).toBe(0);
  });

  it('spares go to the garbage collector a second after reuse stops', () => {
    jest.useFakeTimers();
    const spares = new SpareBuffers();
    const first = spares.take(65536);
    spares.give(first);
    jest.advanceTimersByTime(1500);
    expect(spares.take(65536)).not.toBe(first);
  });
});

describe('ThreadPoolExecutor with 64 KiB arguments', () => {
  it('many tasks, each given its own 64 KiB of bytes, while earlier copies are reused: each sees its own', async () => {
    const pool = new ThreadPoolExecutor({ maxWorkers: 2 });
    try {
      const check = (bytes: Uint8Array) => {
        for (let i = 1; i < bytes.length; i++) if (bytes[i] !== bytes[0]) return -1;
        return bytes[0];
      };
      const futures = [];
      for (let i = 0; i < 400; i++) {
        futures.push(pool.submit(check, new Uint8Array(65536).fill(i & 255)));
        // Let answers in now and then, so that later copies reuse the buffers of answered tasks.
        if (i % 8 === 7) await futures[i - 4]!.result(WAIT_MS);
      }
      const results = await Promise.all(futures.map((future) => future.result(WAIT_MS)));
      expect(results).toEqual(Array.from({ length: 400 }, (_, i) => i & 255));
    } finally {
      await pool.shutdown();
    }
  });
});

describe('ProcessPoolExecutor with small ArrayBuffer arguments', () => {
  it('a small ArrayBuffer is copied on its own, not lent: a spare list per length would grow without bound', async () => {
    const { ProcessPoolExecutor } = await import('../../src/executors/ProcessPoolExecutor');
    const take = jest.spyOn(SpareBuffers.prototype, 'take');
    const pool = new ProcessPoolExecutor({ maxWorkers: 1 });
    try {
      const sizes = await Promise.all([1, 100, 4000].map((n) => pool.submit((b: ArrayBuffer) => b.byteLength, new ArrayBuffer(n)).result(WAIT_MS)));
      expect(sizes).toEqual([1, 100, 4000]);
      expect(take).not.toHaveBeenCalled();
      await expect(pool.submit((b: ArrayBuffer) => b.byteLength, new ArrayBuffer(65536)).result(WAIT_MS)).resolves.toBe(65536);
      expect(take).toHaveBeenCalledWith(65536);
    } finally {
      take.mockRestore();
      await pool.shutdown();
    }
  });
});
