/**
 * Small buffer arguments are copied into shared slabs that are reused once the worker has read them (ByteSlab): a
 * slab is written again only when every copy in it has been released, and a copy is released only when its task
 * was answered. These tests check the reuse happens, and that it never hands a task bytes of another task.
 */
import { ByteSlab } from '../../src/executors/pool/ByteSlab';
import { ProcessPoolExecutor } from '../../src/executors/ProcessPoolExecutor';
import { ThreadPoolExecutor } from '../../src/executors/ThreadPoolExecutor';
import type { Future } from '../../src/Future';

const WAIT_MS = 60_000;
const KIB4 = 4096;

describe('ByteSlab reuse', () => {
  afterEach(() => jest.useRealTimers());

  /** Fills one 64 KiB slab with 16 copies of 4 KiB, then starts the next with a 17th copy. */
  function fillOne(slab: ByteSlab, source: ArrayBuffer): ArrayBufferLike {
    slab.copy(source, 0, KIB4);
    const first = slab.current;
    for (let i = 1; i < 16; i++) slab.copy(source, 0, KIB4);
    expect(slab.current).toBe(first);
    return first;
  }

  it('a full slab whose copies are all released is the next slab, not a new allocation', () => {
    const slab = new ByteSlab(true);
    const source = new ArrayBuffer(KIB4);
    const first = fillOne(slab, source);
    slab.copy(source, 0, KIB4); // a second slab
    const second = slab.current;
    expect(second).not.toBe(first);
    for (let i = 0; i < 16; i++) slab.release(first);
    for (let i = 1; i < 16; i++) slab.copy(source, 0, KIB4);
    slab.copy(source, 0, KIB4); // the second is full: the third is the first, reused
    expect(slab.current).toBe(first);
  });

  it('a slab with one copy not released is never written again', () => {
    const slab = new ByteSlab(true);
    const source = new ArrayBuffer(KIB4);
    const first = fillOne(slab, source);
    for (let i = 0; i < 15; i++) slab.release(first);
    const seen = new Set<ArrayBufferLike>();
    for (let i = 0; i < 16 * 8; i++) {
      slab.copy(source, 0, KIB4);
      seen.add(slab.current);
    }
    expect(seen.has(first)).toBe(false);
  });

  it('the current slab, all of its copies released before it is full, is reused as soon as it is full', () => {
    const slab = new ByteSlab(true);
    const source = new ArrayBuffer(KIB4);
    const first = fillOne(slab, source);
    for (let i = 0; i < 16; i++) slab.release(first);
    slab.copy(source, 0, KIB4); // retires the first, already free: it starts over
    expect(slab.current).toBe(first);
    const bytes = new Uint8Array(source);
    bytes.fill(9);
    expect(slab.copy(source, 0, KIB4)).toBe(KIB4); // after the copy made when it started over
    expect(new Uint8Array(first, KIB4, KIB4)).toEqual(bytes);
  });

  it('free slabs go to the garbage collector a second after reuse stops', () => {
    jest.useFakeTimers();
    const slab = new ByteSlab(true);
    const source = new ArrayBuffer(KIB4);
    const first = fillOne(slab, source);
    slab.copy(source, 0, KIB4);
    for (let i = 0; i < 16; i++) slab.release(first);
    jest.advanceTimersByTime(1500);
    for (let i = 0; i < 16; i++) slab.copy(source, 0, KIB4);
    expect(slab.current).not.toBe(first);
  });

  it('plain slabs (child processes) are recycled as shared ones are', () => {
    const slab = new ByteSlab(false);
    const source = new ArrayBuffer(KIB4);
    const first = fillOne(slab, source);
    expect(first).toBeInstanceOf(ArrayBuffer);
    for (let i = 0; i < 16; i++) slab.release(first);
    slab.copy(source, 0, KIB4);
    expect(slab.current).toBe(first);
  });
});

/**
 * Counts the slabs a pool kind allocates: SharedArrayBuffers for threads (a subclass keeps `instanceof` and
 * structured clone working), 64 KiB `Buffer.allocUnsafeSlow` calls for processes.
 */
const slabCounters = {
  ThreadPoolExecutor(made: number[]): () => void {
    const RealShared = globalThis.SharedArrayBuffer;
    class CountedShared extends RealShared {
      constructor(length: number) {
        super(length);
        made.push(length);
      }
    }
    globalThis.SharedArrayBuffer = CountedShared as SharedArrayBufferConstructor;
    return () => (globalThis.SharedArrayBuffer = RealShared);
  },
  ProcessPoolExecutor(made: number[]): () => void {
    const allocate = Buffer.allocUnsafeSlow;
    const spy = jest.spyOn(Buffer, 'allocUnsafeSlow').mockImplementation((length: number) => {
      if (length === 64 * 1024) made.push(length);
      return allocate(length);
    });
    return () => spy.mockRestore();
  },
};

describe.each([
  { name: 'ThreadPoolExecutor' as const, create: () => new ThreadPoolExecutor({ maxWorkers: 2 }) },
  { name: 'ProcessPoolExecutor' as const, create: () => new ProcessPoolExecutor({ maxWorkers: 2 }) },
])('$name with reused slabs', ({ name, create }) => {
  let pool: ThreadPoolExecutor | ProcessPoolExecutor | undefined;
  afterEach(async () => {
    await pool?.shutdown({ cancelFutures: true, timeout: 2000 });
    pool = undefined;
  });

  /** A 4 KiB buffer whose every 32-bit word holds `n`: a task reading another task's bytes shows at once. */
  function stamped(n: number): Buffer {
    const bytes = Buffer.allocUnsafe(KIB4);
    for (let at = 0; at < KIB4; at += 4) bytes.writeUInt32LE(n, at);
    return bytes;
  }

  /** In the worker: the number stamped in the buffer, or -1 if its words disagree (bytes of two tasks mixed). */
  const readStamp = (bytes: Uint8Array, view?: DataView) => {
    const words = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const n = words.getUint32(0, true);
    for (let at = 4; at < words.byteLength; at += 4) if (words.getUint32(at, true) !== n) return -1;
    if (view !== undefined && view.getUint32(0, true) !== n) return -2;
    return n;
  };

  it('waves of tasks submitted while earlier ones are in flight each see their own bytes; slabs are reused', async () => {
    const made: number[] = [];
    const stopCounting = slabCounters[name](made);
    try {
      pool = create();
      await pool.submit((n: number) => n, 0).result(WAIT_MS);
      const slabsPerWave: number[] = [];
      let n = 0;
      let previous: Array<[number, Future<number>]> = [];
      const check = async (wave: Array<[number, Future<number>]>) => {
        const ran = wave.filter(([, future]) => !future.cancelled());
        const seen = await Promise.all(ran.map(([, future]) => future.result(WAIT_MS)));
        expect(seen).toEqual(ran.map(([expected]) => expected));
      };
      for (let wave = 0; wave < 12; wave++) {
        const before = made.length;
        const futures: Array<[number, Future<number>]> = [];
        // Copied while the last wave is still in flight, into slabs the wave before it released.
        for (let i = 0; i < 400; i++, n++) {
          const bytes = stamped(n);
          const future = pool.submit(readStamp, bytes, i % 5 === 0 ? new DataView(bytes.buffer, bytes.byteOffset, 8) : undefined);
          bytes.fill(0xff); // the task must see the bytes as they were at submit
          if (i % 37 === 0) future.cancel();
          futures.push([n, future]);
        }
        slabsPerWave.push(made.length - before);
        await check(previous);
        previous = futures;
      }
      await check(previous);
      // 400 copies of 4 KiB fill 25 slabs; once reuse has started, later waves allocate far fewer.
      expect(slabsPerWave[0]).toBeGreaterThanOrEqual(25);
      expect(Math.min(...slabsPerWave.slice(1))).toBeLessThan(slabsPerWave[0]! / 2);
    } finally {
      stopCounting();
    }
  }, 120_000);

  it('large buffers submitted a few at a time each see their own bytes, in memory reused from one task to the next', async () => {
    const made: number[] = [];
    const stopCounting = slabCounters[name](made);
    try {
      pool = create();
      const sum = (bytes: Uint8Array) => {
        let total = 0;
        for (let i = 0; i < bytes.length; i++) total += bytes[i]!;
        return [bytes.length, bytes[0], total];
      };
      const scratch = new Uint8Array(100_000);
      let inFlight: Array<Promise<number[]>> = [];
      const seen: number[][] = [];
      for (let n = 1; n <= 40; n++) {
        scratch.fill(n % 250);
        inFlight.push(pool.submit(sum, scratch).result(WAIT_MS));
        if (inFlight.length === 4) {
          seen.push(...(await Promise.all(inFlight)));
          inFlight = [];
        }
      }
      expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => [100_000, (i + 1) % 250, ((i + 1) % 250) * 100_000]));
    } finally {
      stopCounting();
    }
  }, 120_000);
});
