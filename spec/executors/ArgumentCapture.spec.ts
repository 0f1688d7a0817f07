/**
 * Issue 12, section 2: a task sees its arguments as they were when submit, submitWith, map or an operator took them
 * (postMessage's own semantics, on both pools); buffers in a transfer list are detached when submitWith returns;
 * arguments that cannot be sent fail their own future at submit, and the pool goes on.
 */
import { resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { MessageChannel } from 'node:worker_threads';
import { Subject, lastValueFrom, toArray } from 'rxjs';
import { mapOrdered } from '../../operators/mapOrdered';
import { mapUnordered } from '../../operators/mapUnordered';
import { SerializationError } from '../../src/errors/SerializationError';
import { ThreadWorkerExitError } from '../../src/errors/ThreadWorkerExitError';
import { AsyncExecutor } from '../../src/executors/AsyncExecutor';
import type { PoolEvent } from '../../src/executors/pool/PoolStats';
import { moduleTask } from '../../src/tasks/moduleTask';
import { poolKinds, poolTracker } from './poolKinds';

const WAIT_MS = 30_000;
const fixture = resolve(__dirname, '../fixtures/describeArguments.cjs');
const { describeAll } = require(fixture) as { describeAll: (args: unknown[], options: { buffers: boolean }) => unknown };
const describeArguments = moduleTask<(...args: unknown[]) => unknown>(fixture, 'describeArguments');

/** The number in the first four bytes of a byte array (little-endian), read in the worker. */
const readNumber = (bytes: Uint8Array) => (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0;

/** Arguments of every shape the capture handles itself, and some it leaves to the transport's own copy. */
function argumentShapes(kind: string): Array<[string, () => unknown[]]> {
  const shared = { x: 1 };
  const circular: Record<string, unknown> = { name: 'loop' };
  circular.self = circular;
  const whole = new ArrayBuffer(64);
  new Uint8Array(whole).forEach((_, i, bytes) => (bytes[i] = i));
  const big = Buffer.alloc(100_000, 7);
  const small = Buffer.from('hello, pooled buffer');
  class Point {
    constructor(
      readonly x: number,
      readonly y: number,
    ) {}
  }
  const shapes: Array<[string, () => unknown[]]> = [
    ['primitives', () => [1, 'two', true, null, undefined, 10n, -0, Number.NaN]],
    ['an object with 16 numbers', () => [{ id: 7, values: Array.from({ length: 16 }, (_, i) => i * 1.5) }]],
    ['shared and circular references', () => [{ a: shared, b: shared, list: [shared] }, circular, shared]],
    ['sharing of the first two objects a copy meets (kept apart from its list)', () => {
      const first = { n: 1 };
      const second = [2];
      return [first, second, { again: first, twice: second, third: { n: 3 } }, second];
    }],
    ['an array with holes', () => [[1, , 3, , 5]]],
    ['sharing and cycles past the first eight objects a copy remembers', () => {
      const many = Array.from({ length: 20 }, (_, i) => ({ i }));
      const web: Record<string, unknown> = { many, again: many[15], first: many[0] };
      web.self = web;
      return [web, many[15], many[3]];
    }],
    ['a null-prototype object and an own __proto__ key', () => [Object.assign(Object.create(null), { k: 1 }), JSON.parse('{"__proto__": {"x": 1}, "y": 2}')]],
    ['Map, Set, Date, RegExp', () => [new Map<unknown, unknown>([[{ k: 1 }, [1, 2]], ['s', new Set([1, 'a'])]]), new Date(1234567), /ab+c/gi]],
    ['a class instance and an Error (the transport copies them)', () => [new Point(1, 2), new RangeError('bad'), { nested: new Point(3, 4) }]],
    ['an ArrayBuffer and views of it, sharing it', () => [whole, new Uint8Array(whole, 8, 16), { view: new DataView(whole, 4, 8) }, new Float64Array(whole, 16, 2)]],
    ['small and large Buffers, one of them twice', () => [small, { again: small }, big, new Uint16Array(big.buffer, 2, 3)]],
    ['a pooled Buffer (a slice of a shared 8 KiB pool)', () => [Buffer.from('abc'), Buffer.from('defg')]],
    ['typed arrays of every kind', () => [new Int8Array([-1]), new Uint8ClampedArray([300]), new Int16Array([-2]), new Uint32Array([4e9]), new Float32Array([1.5]), new BigInt64Array([-3n]), new BigUint64Array([3n])]],
    ['a buffer inside a Map and a Set', () => [new Map([['bytes', small]]), new Set([new Uint8Array([1, 2, 3])])]],
  ];
  if (kind === 'ThreadPoolExecutor') shapes.push(['a SharedArrayBuffer', () => [new SharedArrayBuffer(8)]]);
  return shapes;
}

describe.each(poolKinds)('$name takes arguments at submit', (kind) => {
  const pools = poolTracker();
  afterEach(() => pools.cleanup());
  const isThreads = kind.name === 'ThreadPoolExecutor';

  /** A pool whose worker has started and answered once: it takes tasks at once. */
  async function warmPool(maxWorkers = 1) {
    const pool = pools.make(kind, { maxWorkers });
    await pool.submit((n: number) => n, 0).result(WAIT_MS);
    return pool;
  }

  it('a scratch Buffer reused for 8 submits: each task sees the bytes of its own submit', async () => {
    const pool = await warmPool();
    const scratch = Buffer.alloc(4);
    const futures = [];
    for (let i = 0; i < 8; i++) {
      scratch.writeUInt32LE(i);
      futures.push(pool.submit(readNumber, scratch));
    }
    await expect(Promise.all(futures.map((future) => future.result(WAIT_MS)))).resolves.toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('a scratch 1 MB buffer reused for a burst of submits, between small tasks: each task sees its own bytes, and the caller keeps its buffer', async () => {
    const pool = await warmPool(2);
    const scratch = new Uint8Array(1 << 20);
    // The sum of the bytes and the first one: every byte counts, not only those at the start.
    const digest = (bytes: Uint8Array) => {
      let sum = 0;
      for (let i = 0; i < bytes.length; i++) sum += bytes[i]!;
      return [bytes.length, bytes[0], sum];
    };
    const futures = [];
    const expected = [];
    for (let i = 1; i <= 6; i++) {
      scratch.fill(i);
      futures.push(pool.submit(digest, scratch), pool.submit(digest, new Uint8Array([i])));
      expected.push([1 << 20, i, i * (1 << 20)], [1, i, i]);
    }
    scratch.fill(0); // after every submit: no task may see this
    await expect(Promise.all(futures.map((future) => future.result(WAIT_MS)))).resolves.toEqual(expected);
    // Not in a transfer list: the caller's buffer stays its own (not detached), with what it last wrote.
    expect(scratch.byteLength).toBe(1 << 20);
    expect(scratch.buffer.byteLength).toBe(1 << 20);
    expect(scratch[12345]).toBe(0);
  });

  it('a scratch 64 KB buffer reused for submits while earlier ones are answered: each task sees its own bytes', async () => {
    const pool = await warmPool(2);
    const scratch = new Uint8Array(64 * 1024);
    const digest = (bytes: Uint8Array) => {
      let sum = 0;
      for (let i = 0; i < bytes.length; i++) sum += bytes[i]!;
      return [bytes.length, bytes[0], bytes[bytes.length - 1], sum];
    };
    const results = [];
    const expected = [];
    // In waves: the copies of a wave are taken while the previous wave's were given back (threads reuse them).
    for (let wave = 0; wave < 4; wave++) {
      const futures = [];
      for (let i = 1; i <= 5; i++) {
        const fill = wave * 10 + i;
        scratch.fill(fill);
        scratch[scratch.length - 1] = 255 - fill;
        futures.push(pool.submit(digest, scratch));
        expected.push([64 * 1024, fill, 255 - fill, fill * (64 * 1024 - 1) + 255 - fill]);
      }
      scratch.fill(0); // after the wave's submits: no task may see this
      results.push(...(await Promise.all(futures.map((future) => future.result(WAIT_MS)))));
    }
    expect(results).toEqual(expected);
  });

  it('an object changed after submit: the task sees it as it was', async () => {
    const pool = await warmPool();
    const o = { v: 'before', list: [1], map: new Map([['k', 'before']]), bytes: new Uint8Array(100_000) };
    const future = pool.submit((x: typeof o) => [x.v, x.list.length, x.map.get('k'), x.bytes[0]], o);
    o.v = 'after';
    o.list.push(2);
    o.map.set('k', 'after');
    o.bytes[0] = 9;
    await expect(future.result(WAIT_MS)).resolves.toEqual(['before', 1, 'before', 0]);
  });

  it('the task sees what the transport itself delivers, for arguments of every shape', async () => {
    const pool = await warmPool();
    // What postMessage (structured clone) or the child process serializer would deliver, described the same way.
    const delivered = (args: unknown[]) => (isThreads ? structuredClone(args) : (deserialize(serialize(args)) as unknown[]));
    for (const [name, make] of argumentShapes(kind.name)) {
      const options = { buffers: isThreads };
      const args = make();
      const expected = describeAll(delivered(args), options);
      const seen = await pool.submit(describeArguments, ...args, options).result(WAIT_MS);
      expect([name, seen]).toEqual([name, expected]);
    }
  });

  it('transfer: the buffer is detached when submitWith returns, and the task sees its bytes', async () => {
    const pool = await warmPool();
    const buffer = new Uint8Array([1, 2, 3, 4]).buffer;
    const future = pool.submitWith({ transfer: [buffer] }, (b: ArrayBuffer) => Array.from(new Uint8Array(b)), buffer);
    expect(buffer.byteLength).toBe(0);
    await expect(future.result(WAIT_MS)).resolves.toEqual([1, 2, 3, 4]);
  });

  it('transferring a buffer detached already fails that future with SerializationError at submit; the pool goes on', async () => {
    const pool = await warmPool();
    const buffer = new ArrayBuffer(8);
    const first = pool.submitWith({ transfer: [buffer] }, (b: ArrayBuffer) => b.byteLength, buffer);
    const second = pool.submitWith({ transfer: [buffer] }, (b: ArrayBuffer) => b.byteLength, buffer);
    expect(second.done()).toBe(true);
    expect(await second.exception(WAIT_MS)).toBeInstanceOf(SerializationError);
    await expect(first.result(WAIT_MS)).resolves.toBe(8);
    // Not in the transfer list either: a detached buffer cannot be copied.
    const copied = pool.submit((b: ArrayBuffer) => b.byteLength, buffer);
    expect(await copied.exception(WAIT_MS)).toBeInstanceOf(SerializationError);
    await expect(pool.submit((n: number) => n + 1, 1).result(WAIT_MS)).resolves.toBe(2);
    expect(pool.isBroken).toBe(false);
  });

  it.each([
    ['a function', () => () => 1],
    ['a symbol', () => Symbol('s')],
    ['an object holding a function', () => ({ deep: [{ f: () => 2 }] })],
    [
      'an object with a throwing getter',
      () => ({
        get boom(): never {
          throw new Error('getter exploded');
        },
      }),
    ],
  ])('%s fails its future when submit returns, as one SerializationError; the pool goes on', async (_, make) => {
    const pool = await warmPool();
    const events: PoolEvent[] = [];
    const subscription = pool.events.subscribe((event) => events.push(event));
    const bad = pool.submit((v: unknown) => typeof v, make());
    expect(bad.done()).toBe(true);
    expect(await bad.exception(0)).toBeInstanceOf(SerializationError);
    await expect(pool.submit((n: number) => n * 2, 21).result(WAIT_MS)).resolves.toBe(42);
    subscription.unsubscribe();
    expect(events.filter((event) => event.type === 'workerExit' || event.type === 'workerStart')).toEqual([]);
  });

  it('a task with retries: every attempt sees its arguments as they were at submit', async () => {
    const pool = await warmPool(1);
    /** Fails on its first attempt in this worker, then reports what it was given. */
    const flaky = (o: { v: string; bytes: Uint8Array }) => {
      const state = globalThis as { attemptsSeen?: number };
      state.attemptsSeen = (state.attemptsSeen ?? 0) + 1;
      if (state.attemptsSeen === 1) throw new Error('first attempt fails');
      return `${o.v}:${o.bytes[0]}`;
    };
    const o = { v: 'before', bytes: new Uint8Array([1, 2, 3]) };
    const future = pool.submitWith({ retries: 2, backoff: 0 }, flaky, o);
    o.v = 'after';
    o.bytes[0] = 9;
    await expect(future.result(WAIT_MS)).resolves.toBe('before:1');
    expect(future.attempts).toBe(2);
    // map with retries: each chunk's attempts see the items as they were when map pulled them.
    const items = [{ v: 'a', bytes: new Uint8Array([5]) }];
    const results = pool.map((x: { v: string; bytes: Uint8Array }) => `${x.v}${x.bytes[0]}`, items, { retries: 1, chunksize: 1 });
    items[0]!.v = 'z'; // map pulled the item when it was called
    items[0]!.bytes[0] = 0;
    const seen: string[] = [];
    const reading = (async () => {
      for await (const value of results) seen.push(value);
    })();
    await reading;
    expect(seen).toEqual(['a5']);
  });

  it('map takes each item when it pulls it from the iterable, in chunks and with buffersize', async () => {
    const pool = await warmPool(2);
    const scratch = Buffer.alloc(4);
    // A generator that reuses one buffer, as a parser reuses its scratch space.
    function* numbers(count: number) {
      for (let i = 0; i < count; i++) {
        scratch.writeUInt32LE(i);
        yield scratch;
      }
    }
    const expected = Array.from({ length: 20 }, (_, i) => i);
    for (const options of [{}, { chunksize: 4 }, { chunksize: 3, buffersize: 2 }, { buffersize: 1 }]) {
      const results = await lastValueFrom(pool.map(readNumber, numbers(20), options).pipe(toArray()));
      expect([options, results]).toEqual([options, expected]);
    }
    // Several iterables: each pulled argument list is taken as a whole.
    const record = { n: 0 };
    function* records(count: number) {
      for (let i = 0; i < count; i++) {
        record.n = i;
        yield record;
      }
    }
    const zipped = pool.map((r: { n: number }, b: Uint8Array) => r.n * 1000 + b[0]!, records(6), numbers(6), { chunksize: 4 });
    await expect(lastValueFrom(zipped.pipe(toArray()))).resolves.toEqual([0, 1001, 2002, 3003, 4004, 5005]);
  });

  it.each([
    ['mapOrdered', mapOrdered],
    ['mapUnordered', mapUnordered],
  ] as const)('%s takes each value when it receives it, though the value waits in the operator', async (_, operator) => {
    const pool = await warmPool();
    for (const chunksize of [1, 3]) {
      const source = new Subject<{ n: number }>();
      const results = lastValueFrom(source.pipe(operator(pool, (v: { n: number }) => v.n, { maxInFlight: 1, chunksize }), toArray()));
      const value = { n: 0 };
      // One object, changed after each emission, while the values wait behind maxInFlight.
      for (let i = 0; i < 10; i++) {
        value.n = i;
        source.next(value);
      }
      value.n = -1;
      source.complete();
      expect((await results).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
  });
});

describe('ThreadPoolExecutor arguments that travel by reference', () => {
  const pools = poolTracker();
  afterEach(() => pools.cleanup());

  it('a SharedArrayBuffer is shared, not copied: the task writes into the caller memory', async () => {
    const pool = pools.make(poolKinds[0], { maxWorkers: 1 });
    const memory = new SharedArrayBuffer(4);
    await pool.submit((m: { shared: Int32Array }) => Atomics.store(m.shared, 0, 42), { shared: new Int32Array(memory) }).result(WAIT_MS);
    expect(new Int32Array(memory)[0]).toBe(42);
  });

  it('a MessagePort in the transfer list is moved with the task, and is detached from the caller', async () => {
    const pool = pools.make(poolKinds[0], { maxWorkers: 1 });
    const { port1, port2 } = new MessageChannel();
    const reply = new Promise((resolve) => port1.once('message', resolve));
    const future = pool.submitWith({ transfer: [port2] }, (box: { port: { postMessage(value: unknown): void; close(): void } }) => {
      box.port.postMessage('through the port');
      box.port.close();
      return 'sent';
    }, { port: port2 });
    await expect(future.result(WAIT_MS)).resolves.toBe('sent');
    await expect(reply).resolves.toBe('through the port');
    port1.close();
  });
});

describe('Tasks whose worker is stopped before it runs them', () => {
  const pools = poolTracker();
  afterEach(() => pools.cleanup());

  /**
   * Sends `blocker` (a task that ignores its abort) and then `task` to one worker in one message, aborts `blocker`
   * (as an operator does when its subscriber leaves), and waits for the pool to kill that worker after the grace.
   */
  async function stoppedBehindAbortedTask<T>(submitTask: (pool: ReturnType<typeof pools.make>) => Promise<T>, kind = poolKinds[0]): Promise<T> {
    const pool = pools.make(kind, { maxWorkers: 1, abortGraceMs: 50 });
    // Quick answers widen the worker's window, so the next tasks travel together.
    await Promise.all(Array.from({ length: 200 }, (_, i) => pool.submit((n: number) => n, i).result(WAIT_MS)));
    const blocker = new Subject<number>();
    const subscription = blocker
      .pipe(mapOrdered(pool, (ms: number) => {
        const end = Date.now() + ms;
        while (Date.now() < end);
        return ms;
      }))
      .subscribe({ error: () => undefined });
    blocker.next(5000);
    const outcome = submitTask(pool);
    await new Promise((resolve) => setTimeout(resolve, 100));
    subscription.unsubscribe();
    return outcome;
  }

  it('ThreadPoolExecutor: a task with small buffers goes to another worker and sees its bytes', async () => {
    const result = await stoppedBehindAbortedTask((pool) => pool.submit((b: Uint8Array) => b[0]! + b.length, new Uint8Array([7, 0, 0])).result(WAIT_MS));
    expect(result).toBe(10);
  });

  it.each(poolKinds)('$name: a task with a 100 KB buffer (copied again when sent) goes to another worker and sees its bytes, though a buffer of that size was taken since', async (kind) => {
    const sum = (b: Uint8Array) => b.reduce((total, byte) => total + byte, 0);
    const results = await stoppedBehindAbortedTask(async (pool) => {
      const first = pool.submit(sum, new Uint8Array(100_000).fill(1));
      // Taken after the first was sent: it must not get the memory of the first's copy, which is sent again.
      await new Promise((resolve) => setTimeout(resolve, 10));
      const second = pool.submit(sum, new Uint8Array(100_000).fill(2));
      return Promise.all([first.result(WAIT_MS), second.result(WAIT_MS)]);
    }, kind);
    expect(results).toEqual([100_000, 200_000]);
  });

  it('ThreadPoolExecutor: a task whose large buffer was moved to that worker fails with ThreadWorkerExitError; the pool goes on', async () => {
    let pool!: ReturnType<typeof pools.make>;
    const error = await stoppedBehindAbortedTask((p) => {
      pool = p;
      // Over the largest lent copy (2 MiB): this one is moved, so it cannot be sent again.
      return p.submit((b: Uint8Array) => b.length, new Uint8Array(4 << 20)).exception(WAIT_MS);
    });
    expect(error).toBeInstanceOf(ThreadWorkerExitError);
    await expect(pool.submit((n: number) => n + 1, 1).result(WAIT_MS)).resolves.toBe(2);
    expect(pool.isBroken).toBe(false);
  });
});

describe('ProcessPoolExecutor arguments that cannot reach a child process', () => {
  const pools = poolTracker();
  afterEach(() => pools.cleanup());

  it('a MessagePort inside an argument fails that future (it would arrive as {}), naming the argument', async () => {
    const pool = pools.make(poolKinds[1], { maxWorkers: 1 });
    const { port1, port2 } = new MessageChannel();
    try {
      const future = pool.submit((a: number, box: unknown) => JSON.stringify(box), 1, { port: port1 });
      const error = (await future.exception(WAIT_MS)) as Error;
      expect(error).toBeInstanceOf(SerializationError);
      expect(error.message).toMatch(/argument 2 holds a MessagePort/);
      const transferred = pool.submitWith({ transfer: [port2] }, (n: number) => n, 1);
      expect(await transferred.exception(WAIT_MS)).toBeInstanceOf(SerializationError);
      await expect(pool.submit((n: number) => n + 1, 1).result(WAIT_MS)).resolves.toBe(2);
    } finally {
      port1.close();
      port2.close();
    }
  });

  it('a SharedArrayBuffer fails that future: a child has memory of its own', async () => {
    const pool = pools.make(poolKinds[1], { maxWorkers: 1 });
    const future = pool.submit((m: unknown) => m, { memory: new SharedArrayBuffer(4) });
    expect(await future.exception(WAIT_MS)).toBeInstanceOf(SerializationError);
  });
});

describe('AsyncExecutor passes arguments by reference, as a direct call does', () => {
  it('a task that has not run yet sees a change made after submit', async () => {
    await using executor = new AsyncExecutor({ maxWorkers: 1 });
    const o = { v: 'before' };
    const blocker = executor.submit(() => new Promise((resolve) => setTimeout(resolve, 10)));
    const future = executor.submit((x: typeof o) => x.v, o);
    o.v = 'after';
    await blocker;
    await expect(future.result(WAIT_MS)).resolves.toBe('after');
  });
});
