/**
 * Rows 1 and 2: arguments that cannot be sent to a worker and results that cannot be sent back fail only their own
 * future, with a real Error (a SerializationError carrying the clone error as its cause); no worker is used up and the
 * next task runs on the same worker.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { lastValueFrom, toArray } from 'rxjs';
import { SerializationError } from '../../src/errors/SerializationError';
import type { PoolEvent } from '../../src/executors/pool/PoolStats';
import { bounded, poolKinds, reliabilitySuite, WAIT_MS } from './harness';

/** Values the structured clone algorithm (and the process pool's v8 serializer) refuses. */
const unsendableArguments: Array<[string, () => unknown]> = [
  ['a function', () => () => 1],
  ['a symbol', () => Symbol('s')],
  ['an object with a symbol inside', () => ({ nested: [Symbol('deep')] })],
  [
    'an object with a throwing getter',
    () => ({
      get boom(): never {
        throw new Error('getter exploded');
      },
    }),
  ],
  ['a MessagePort not in the transfer list', () => new MessageChannel().port1],
];

/**
 * Known gap: child_process's 'advanced' serialization sends a MessagePort as `{}` instead of refusing it, so the
 * process pool runs the task with an empty object. Marked `failing` so the suite notices the day it is fixed.
 */
const portCase = unsendableArguments[unsendableArguments.length - 1];

describe.each(poolKinds)('$name row 1: an argument that cannot be sent', (kind) => {
  const h = reliabilitySuite();
  const ports: MessagePort[] = [];
  afterAll(() => ports.forEach((port) => port.close()));

  const cases = kind.name === 'ProcessPoolExecutor' ? unsendableArguments.filter((c) => c !== portCase) : unsendableArguments;
  it.each(cases)('%s fails only its own future; no worker is used up; the next task works', async (_, make) => {
    const pool = h.shared(kind, { maxWorkers: 1 });
    const id = await bounded(pool.submit(kind.workerId), WAIT_MS, 'first task');
    const events: PoolEvent[] = [];
    const subscription = pool.events.subscribe((event) => events.push(event));
    const value = make();
    if (typeof value === 'object' && value !== null && 'close' in value) ports.push(value as unknown as MessagePort);
    // A burst: the bad task travels in the same batch as good ones.
    const before = pool.submit((n: number) => n, 1);
    const bad = pool.submit((v: unknown) => typeof v, value);
    const after = pool.submit((n: number) => n, 2);
    const error = await bad.exception(WAIT_MS);
    expect(error).toBeInstanceOf(SerializationError);
    // The clone error (a DataCloneError from the worker's realm, or the serializer's Error) is kept as the cause.
    expect(typeof ((error as Error).cause as Error).message).toBe('string');
    await expect(bounded(Promise.all([before, after]), WAIT_MS, 'neighbours')).resolves.toEqual([1, 2]);
    await expect(pool.submit(kind.workerId).result(WAIT_MS)).resolves.toBe(id);
    subscription.unsubscribe();
    expect(events.filter((event) => event.type === 'workerStart' || event.type === 'workerExit')).toEqual([]);
    expect(pool.isBroken).toBe(false);
  });

  it('the throwing getter error is kept as the cause, by identity of message', async () => {
    const pool = h.shared(kind, { maxWorkers: 1 });
    const bad = pool.submit((v: unknown) => v, {
      get boom(): never {
        throw new Error('getter exploded');
      },
    });
    const error = (await bad.exception(WAIT_MS)) as Error;
    expect(error).toBeInstanceOf(SerializationError);
    expect((error.cause as Error).message).toBe('getter exploded');
  });

  it('five unsendable tasks in a row, then a good one: every future settles, in order of submission', async () => {
    const pool = h.shared(kind, { maxWorkers: 1 });
    for (let round = 0; round < 3; round++) {
      const settled: string[] = [];
      const futures = cases.map(([name, make], index) => {
        const value = make();
        if (typeof value === 'object' && value !== null && 'close' in value) ports.push(value as unknown as MessagePort);
        const future = pool.submit((v: unknown) => typeof v, value);
        future.addDoneCallback(() => settled.push(name));
        return [future, index] as const;
      });
      const good = pool.submit((n: number) => n * 2, round);
      await expect(good.result(WAIT_MS)).resolves.toBe(round * 2);
      for (const [future] of futures) expect(await future.exception(WAIT_MS)).toBeInstanceOf(SerializationError);
      expect(settled).toEqual(cases.map(([name]) => name));
    }
  });
});

describe('ProcessPoolExecutor row 1: a MessagePort argument', () => {
  const h = reliabilitySuite();

  it('fails its future instead of arriving as {}, and the pool goes on', async () => {
    const pool = h.make(poolKinds[1], { maxWorkers: 1 });
    const port = portCase[1]() as MessagePort;
    try {
      const future = pool.submit((v: unknown) => JSON.stringify(v), port);
      expect(await future.exception(WAIT_MS)).toBeInstanceOf(SerializationError);
      await expect(pool.submit((n: number) => n + 1, 1).result(WAIT_MS)).resolves.toBe(2);
    } finally {
      port.close();
    }
  });

  it('fails the map() chunk that holds it, whichever shape the chunk has', async () => {
    const pool = h.make(poolKinds[1], { maxWorkers: 1 });
    const port = portCase[1]() as MessagePort;
    try {
      const single = pool.map((v: unknown) => typeof v, [1, port, 3], { chunksize: 3 });
      await expect(lastValueFrom(single.pipe(toArray()))).rejects.toThrow(/argument 1 is a MessagePort/);
      const zipped = pool.map((a: number, v: unknown) => typeof v, [1, 2], [0, port], { chunksize: 2 });
      await expect(lastValueFrom(zipped.pipe(toArray()))).rejects.toThrow(/argument 2 is a MessagePort/);
      await expect(pool.submit((n: number) => n + 1, 1).result(WAIT_MS)).resolves.toBe(2);
    } finally {
      port.close();
    }
  });
});

describe('ThreadPoolExecutor row 1: a MessagePort in the transfer list is sent', () => {
  const h = reliabilitySuite();

  it('moves the port to the worker, which can answer through it', async () => {
    const pool = h.make(poolKinds[0], { maxWorkers: 1 });
    const { port1, port2 } = new MessageChannel();
    const reply = new Promise((resolve) => port1.once('message', resolve));
    const future = pool.submitWith({ transfer: [port2] }, (port: MessagePort) => {
      port.postMessage('hello through the port');
      port.close();
      return 'sent';
    }, port2);
    await expect(future.result(WAIT_MS)).resolves.toBe('sent');
    await expect(bounded(reply, WAIT_MS, 'port reply')).resolves.toBe('hello through the port');
    port1.close();
  });
});

/** Results no worker can send back. */
const unsendableResults: Array<[string, () => unknown]> = [
  ['a function', () => () => 1],
  ['a symbol', () => Symbol('s')],
  ['an object holding a function', () => ({ ok: 1, callback: () => 2 })],
  ['a promise resolving to a function', () => Promise.resolve(() => 3)],
  [
    'an object with a throwing getter',
    () => ({
      get boom(): never {
        throw new Error('getter exploded');
      },
    }),
  ],
];

describe.each(poolKinds)('$name row 2: a result that cannot be sent back', (kind) => {
  const h = reliabilitySuite();

  it.each(unsendableResults)('%s fails that future with a real SerializationError; the worker and pool stay usable', async (_, make) => {
    const pool = h.shared(kind, { maxWorkers: 1 });
    const id = await pool.submit(kind.workerId).result(WAIT_MS);
    const before = pool.submit(() => 'before');
    const bad = pool.submit(make);
    const after = pool.submit(() => 'after');
    const error = (await bad.exception(WAIT_MS)) as Error;
    expect(error).toBeInstanceOf(SerializationError);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/result cannot be sent back/);
    expect(typeof (error.cause as Error).message).toBe('string');
    await expect(bounded(Promise.all([before, after]), WAIT_MS, 'neighbours')).resolves.toEqual(['before', 'after']);
    await expect(pool.submit(kind.workerId).result(WAIT_MS)).resolves.toBe(id);
    expect(pool.isBroken).toBe(false);
  });

  it('a thrown value that cannot be sent (a symbol) fails with a SerializationError, not {}', async () => {
    const pool = h.shared(kind, { maxWorkers: 1 });
    const error = await pool
      .submit(() => {
        throw Symbol('thrown');
      })
      .exception(WAIT_MS);
    expect(error).toBeInstanceOf(SerializationError);
    expect((error as Error).message).toContain('Symbol(thrown)');
  });

  it('unsendable results inside a batch of 200 quick tasks fail only themselves', async () => {
    const pool = h.shared(kind, { maxWorkers: 1 });
    const futures = Array.from({ length: 200 }, (_, i) =>
      pool.submit((n: number) => (n % 50 === 7 ? () => n : n), i),
    );
    const outcomes = await bounded(
      Promise.all(futures.map((future) => future.result().then((v) => v, (e: unknown) => e))),
      WAIT_MS,
      'batch',
    );
    outcomes.forEach((outcome, i) => {
      if (i % 50 === 7) expect(outcome).toBeInstanceOf(SerializationError);
      else expect(outcome).toBe(i);
    });
  });
});
