/**
 * Issue 16: a process pool sends the bytes of large buffer arguments through a shared-memory file per child (see
 * `BulkFile`) rather than in its IPC messages. The task sees exactly what the IPC serializer would have delivered;
 * order holds with many tasks in flight; a child killed mid-transfer fails only what the pool's fault rules say, and
 * nothing is left behind; a child that cannot read the file gets every byte in its messages.
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { lastValueFrom, toArray } from 'rxjs';
import { BrokenProcessPool } from '../../src/errors/BrokenProcessPool';
import { ProcessWorkerExitError } from '../../src/errors/ProcessWorkerExitError';
import { BulkFile } from '../../src/executors/pool/BulkFile';
import { BULK_FROM } from '../../src/executors/pool/sendWithBulk';
import { ProcessPoolExecutor, type ProcessPoolExecutorOptions } from '../../src/executors/ProcessPoolExecutor';
import { moduleTask } from '../../src/tasks/moduleTask';

const WAIT_MS = 30_000;
const onLinux = process.platform === 'linux';
const describeArgumentsFixture = resolve(__dirname, '../fixtures/describeArguments.cjs');
const { describeAll } = require(describeArgumentsFixture) as { describeAll: (args: unknown[], options: { buffers: boolean }) => unknown };
const describeArguments = moduleTask<(...args: unknown[]) => unknown>(describeArgumentsFixture, 'describeArguments');
const bulkFixture = resolve(__dirname, '../fixtures/bulkFile.cjs');
const { digest } = require(bulkFixture) as { digest: (bytes: ArrayBuffer | ArrayBufferView) => number[] };
const remoteDigest = moduleTask<(bytes: ArrayBuffer | ArrayBufferView) => number[]>(bulkFixture, 'digest');
const stateWithArgument = moduleTask<(bytes: ArrayBufferView) => { link: string | null; size: number; length: number }>(bulkFixture, 'stateWithArgument');

/** Bytes `0, 1, 2...` shifted by `seed`, in a fresh ArrayBuffer of `length` bytes. */
function patterned(length: number, seed: number): ArrayBuffer {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 7 + seed) & 255;
  return bytes.buffer;
}

/** Arguments holding buffers of about `size` bytes, of every kind and in every place the capture handles. */
function shapes(size: number): Array<[string, () => unknown[]]> {
  const views: Array<new (buffer: ArrayBuffer, offset: number, length: number) => ArrayBufferView> = [
    Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array,
    BigInt64Array, BigUint64Array,
  ] as never;
  return [
    ['an ArrayBuffer', () => [patterned(size, 1)]],
    ['a Buffer, alone and in an object', () => [Buffer.from(patterned(size, 2)), { field: Buffer.from(patterned(size, 3)) }]],
    ['a Buffer slice of a larger buffer', () => [Buffer.from(patterned(size + 64, 4)).subarray(16, 16 + size)]],
    ['views of every kind, at an offset in a larger buffer', () =>
      views.map((View, i) => {
        const bytesPer = (View as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
        return new View(patterned(size + 64, 5 + i), 8, Math.floor(size / bytesPer));
      })],
    ['a DataView at an offset', () => [new DataView(patterned(size + 64, 20), 4, size)]],
    ['one ArrayBuffer in two places, and a view of it', () => {
      const buffer = patterned(size, 21);
      return [{ a: buffer, b: buffer }, [buffer, new Uint16Array(buffer, 2, 4)]];
    }],
    ['one view in two places', () => {
      const view = new Float32Array(patterned(size, 22));
      return [view, { again: view }];
    }],
    ['buffers in a Map and a Set (they stay in place)', () => [new Map([['k', Buffer.from(patterned(size, 23))]]), new Set([patterned(size, 24)])]],
    ['an own __proto__ key holding a buffer', () => {
      const holder = JSON.parse('{"__proto__": 1, "y": 2}') as Record<string, unknown>;
      Object.defineProperty(holder, '__proto__', { value: new Uint8Array(patterned(size, 25)), enumerable: true, writable: true, configurable: true });
      return [holder];
    }],
  ];
}

/** Paths of this process's open files, by descriptor link. */
function openFiles(): string[] {
  if (!onLinux) return [];
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return [];
    }
  });
}

/** Bulk files of this process that still have a name in /dev/shm (there must never be any). */
function namedBulkFiles(): string[] {
  try {
    return readdirSync('/dev/shm').filter((name) => name.startsWith(`rxfutures-${process.pid}-`));
  } catch {
    return [];
  }
}

const pools: ProcessPoolExecutor[] = [];
function makePool(options?: ProcessPoolExecutorOptions): ProcessPoolExecutor {
  const pool = new ProcessPoolExecutor({ maxWorkers: 2, ...options });
  pools.push(pool);
  return pool;
}
afterEach(async () => {
  jest.restoreAllMocks();
  await Promise.all(pools.splice(0).map((pool) => pool.shutdown({ cancelFutures: true, timeout: 2000 })));
});

describe.each([
  ['through the bulk file', true],
  ['in the IPC messages (no bulk file)', false],
])('ProcessPoolExecutor: large buffers %s', (_, bulk) => {
  beforeEach(() => {
    if (!bulk) jest.spyOn(BulkFile, 'open').mockReturnValue(undefined);
  });

  it.each([BULK_FROM - 8, BULK_FROM, BULK_FROM + 8])('the task sees what the IPC serializer delivers, for buffers of %i bytes of every kind and place', async (size) => {
    const pool = makePool();
    for (const [name, make] of shapes(size)) {
      const args = make();
      const expected = describeAll(deserialize(serialize(args)) as unknown[], { buffers: false });
      const seen = await pool.submit(describeArguments, ...args, { buffers: false }).result(WAIT_MS);
      expect([name, seen]).toEqual([name, expected]);
    }
  });

  it('300 tasks in flight, buffers of sizes across the threshold: each task sees its own bytes, in order', async () => {
    const pool = makePool();
    const sizes = [BULK_FROM - 1, BULK_FROM, 3 * BULK_FROM + 5, 1 << 20, 100, 2 * BULK_FROM];
    const args = Array.from({ length: 300 }, (_, i) => {
      const buffer = patterned(sizes[i % sizes.length]!, i);
      return i % 3 === 0 ? buffer : i % 3 === 1 ? Buffer.from(buffer) : new Float64Array(buffer, 0, buffer.byteLength >> 3);
    });
    const futures = args.map((arg) => pool.submit(remoteDigest, arg));
    const seen = await Promise.all(futures.map((future) => future.result(WAIT_MS)));
    expect(seen).toEqual(args.map((arg) => digest(arg)));
  });

  it('map with chunks of large buffers: each item sees its own bytes', async () => {
    const pool = makePool();
    const items = Array.from({ length: 40 }, (_, i) => Buffer.from(patterned(BULK_FROM + i * 1000, i)));
    const seen = await lastValueFrom(pool.map(remoteDigest, items, { chunksize: 3 }).pipe(toArray()));
    expect(seen).toEqual(items.map((item) => digest(item)));
  });
});

(onLinux ? describe : describe.skip)('ProcessPoolExecutor bulk file on Linux', () => {
  it('a large argument arrives through an unlinked file in /dev/shm; a small one does not need it', async () => {
    const pool = makePool({ maxWorkers: 1 });
    const state = await pool.submit(stateWithArgument, new Uint8Array(patterned(1 << 20, 1))).result(WAIT_MS);
    expect(state.link).toMatch(/^\/dev\/shm\/rxfutures-\d+-[0-9a-f]+ \(deleted\)$/);
    expect(state.size).toBeGreaterThanOrEqual(1 << 20);
    expect(state.length).toBe(1 << 20);
    expect(namedBulkFiles()).toEqual([]);
  });

  it('shutdown closes the parent end of every bulk file', async () => {
    const pool = makePool();
    await Promise.all([0, 1].map((i) => pool.submit(stateWithArgument, new Uint8Array(patterned(BULK_FROM, i))).result(WAIT_MS)));
    expect(openFiles().filter((link) => link.includes('/rxfutures-')).length).toBeGreaterThan(0);
    await pool.shutdown();
    expect(openFiles().filter((link) => link.includes('/rxfutures-'))).toEqual([]);
  });

  it('a child killed mid-transfer fails only its own tasks (respawn); the pool goes on through a new file; nothing is left behind', async () => {
    const pool = makePool({ maxWorkers: 2, onWorkerExit: 'respawn' });
    const pids = new Set<number>();
    while (pids.size < 2) {
      const batch = await Promise.all([0, 1, 2, 3].map(() => pool.submit(() => new Promise<number>((done) => setTimeout(() => done(process.pid), 20))).result(WAIT_MS)));
      for (const pid of batch) pids.add(pid);
    }
    const victim = [...pids][0]!;
    const args = Array.from({ length: 40 }, (_, i) => Buffer.from(patterned((2 << 20) + i, i)));
    const futures = args.map((arg) => pool.submit(remoteDigest, arg));
    // While the parent is still writing and sending these: the child dies with some of them read, some not.
    process.kill(victim, 'SIGKILL');
    const outcomes = await Promise.all(futures.map((future) => future.result(WAIT_MS).then((value) => ({ value }), (error: unknown) => ({ error }))));
    let failed = 0;
    outcomes.forEach((outcome, i) => {
      if ('error' in outcome) {
        failed++;
        expect(outcome.error).toBeInstanceOf(ProcessWorkerExitError);
      } else {
        expect(outcome.value).toEqual(digest(args[i]!));
      }
    });
    expect(failed).toBeLessThan(args.length);
    expect(pool.isBroken).toBe(false);
    // The respawned child reads its own new file.
    const states = await Promise.all([0, 1, 2, 3].map((i) => pool.submit(stateWithArgument, new Uint8Array(patterned(1 << 20, i))).result(WAIT_MS)));
    for (const state of states) {
      expect(state.link).toMatch(/^\/dev\/shm\/rxfutures-.* \(deleted\)$/);
      expect(state.size).toBeGreaterThanOrEqual(1 << 20);
    }
    expect(namedBulkFiles()).toEqual([]);
    await pool.shutdown();
    expect(openFiles().filter((link) => link.includes('/rxfutures-'))).toEqual([]);
  });

  it('a child killed mid-transfer without respawn breaks the pool, as any death does; nothing is left behind', async () => {
    const pool = makePool({ maxWorkers: 1 });
    const pid = await pool.submit(() => process.pid).result(WAIT_MS);
    const futures = Array.from({ length: 10 }, (_, i) => pool.submit(remoteDigest, Buffer.from(patterned(2 << 20, i))));
    process.kill(pid, 'SIGKILL');
    for (const future of futures) {
      const outcome = await future.result(WAIT_MS).then(() => undefined, (error: unknown) => error);
      if (outcome !== undefined) expect(outcome).toBeInstanceOf(BrokenProcessPool);
    }
    expect(pool.isBroken).toBe(true);
    await pool.shutdown();
    expect(openFiles().filter((link) => link.includes('/rxfutures-'))).toEqual([]);
    expect(namedBulkFiles()).toEqual([]);
  });
});
