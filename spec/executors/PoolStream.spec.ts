import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastValueFrom, take, toArray } from 'rxjs';
import { SerializationError } from '../../src/errors/SerializationError';
import { poolKinds, poolTracker } from './poolKinds';

jest.setTimeout(30_000);

/** A task naming the worker it runs on (thread or process). Stream tasks below inline the same expression. */
const whoAmI = () => `${process.pid}:${require('node:worker_threads').threadId}`;

/** Reads a number a task wrote to `file` (0 before it wrote one; a read racing the write counts as unchanged). */
function readCount(file: string, previous = 0): number {
  try {
    const n = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isNaN(n) ? previous : n;
  } catch {
    return previous;
  }
}

describe.each(poolKinds)('stream on $name', (kind) => {
  const pools = poolTracker();
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rxfutures-stream-'));
  });
  afterEach(async () => {
    await pools.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers many values in order across several credit batches, then completes', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const numbers = pool.streamWith({ highWaterMark: 4 }, async function* (n: number) {
      for (let i = 0; i < n; i++) yield { i, at: new Date(i) };
    }, 300);
    const values = await lastValueFrom(numbers.pipe(toArray()));
    expect(values.map((v) => v.i)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(values[7]!.at).toEqual(new Date(7));
  });

  it('the worker runs at most highWaterMark values ahead of the subscriber, and gets credit back as it takes them', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const file = join(dir, 'produced');
    const highWaterMark = 4;
    // The task records how many values it has produced before yielding each one.
    const counted = async function* (path: string, n: number) {
      const fs = require('node:fs') as typeof import('node:fs');
      for (let i = 1; i <= n; i++) {
        fs.writeFileSync(path, String(i));
        yield i;
      }
    };
    const received: number[] = [];
    const aheadAtReceipt: number[] = [];
    await new Promise<void>((resolve, reject) => {
      pool.streamWith({ highWaterMark }, counted, file, 40).subscribe({
        next: (value) => {
          received.push(value);
          let produced = readCount(file);
          if (received.length <= 3) {
            // A slow subscriber: block until the worker has used all its credit (the window plus the credit handed back
            // so far, in batches of half the window), then give it time to overrun.
            const granted = Math.floor((received.length - 1) / (highWaterMark / 2)) * (highWaterMark / 2);
            const give = Date.now() + 5000;
            while (produced < granted + highWaterMark && Date.now() < give) produced = readCount(file, produced);
            const watch = Date.now() + 150;
            while (Date.now() < watch) produced = Math.max(produced, readCount(file, produced));
          }
          aheadAtReceipt.push(produced - received.length);
        },
        error: reject,
        complete: resolve,
      });
    });
    expect(received).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    // Blocked in the subscriber, the worker used exactly its credit and went no further: 4 values produced at the
    // first receipt, still 4 at the second (no credit back yet), 6 at the third (2 handed back).
    expect(aheadAtReceipt.slice(0, 3)).toEqual([3, 2, 3]);
    // Never more than the window ahead of what the subscriber has taken (the value in hand is taken).
    expect(Math.max(...aheadAtReceipt)).toBeLessThanOrEqual(highWaterMark - 1);
  });

  it('unsubscribing stops the task in its worker (its finally runs) and frees the worker for the next task', async () => {
    // A long grace: the worker must be freed by the task ending, not by being killed.
    const pool = pools.make(kind, { maxWorkers: 1, abortGraceMs: 20_000 });
    const file = join(dir, 'state');
    const endless = async function* (path: string) {
      const fs = require('node:fs') as typeof import('node:fs');
      let produced = 0;
      try {
        // Bounded, so that if unsubscribing failed to stop it the test fails instead of hanging.
        while (produced < 100_000) {
          produced++;
          fs.writeFileSync(path, String(produced));
          yield `${process.pid}:${require('node:worker_threads').threadId}`;
        }
      } finally {
        fs.writeFileSync(path, `closed after ${produced}`);
      }
    };
    const ids = await lastValueFrom(pool.streamWith({ highWaterMark: 2 }, endless, file).pipe(take(3), toArray()));
    expect(await pool.submit(whoAmI)).toBe(ids[0]);
    const state = readFileSync(file, 'utf8');
    expect(state).toMatch(/^closed after \d+$/);
    expect(Number(state.split(' ')[2])).toBeLessThanOrEqual(3 + 2);
  });

  it('unsubscribing while the stream task is queued cancels it: it never reaches a worker', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const file = join(dir, 'started');
    const busy = pool.submit(() => new Promise((resolve) => setTimeout(() => resolve('busy'), 100)));
    const subscription = pool
      .stream(async function* (path: string) {
        (require('node:fs') as typeof import('node:fs')).writeFileSync(path, 'started');
        yield 1;
      }, file)
      .subscribe();
    subscription.unsubscribe();
    expect(await busy).toBe('busy');
    expect(await pool.submit(() => 'next')).toBe('next');
    expect(existsSync(file)).toBe(false);
  });

  it('an Observable-returning task is unsubscribed in the worker when the subscriber leaves', async () => {
    const pool = pools.make(kind, { maxWorkers: 1, abortGraceMs: 20_000 });
    const file = join(dir, 'unsubscribed');
    const ticks = (path: string) => {
      const { interval, take: limit, Observable: Obs } = require('rxjs') as typeof import('rxjs');
      const fs = require('node:fs') as typeof import('node:fs');
      return new Obs<number>((subscriber) => {
        const inner = interval(1).pipe(limit(100_000)).subscribe(subscriber);
        return () => {
          inner.unsubscribe();
          fs.writeFileSync(path, 'yes');
        };
      });
    };
    expect(await lastValueFrom(pool.stream(ticks, file).pipe(take(2), toArray()))).toEqual([0, 1]);
    expect(await pool.submit(() => 'free')).toBe('free');
    expect(readFileSync(file, 'utf8')).toBe('yes');
  });

  it('the task\'s error errors the stream with its class, message and cause, after the values before it', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const failing = async function* () {
      yield 1;
      yield 2;
      throw new RangeError('row 3 is out of range', { cause: new Error('bad row') });
    };
    const seen: number[] = [];
    const error = await new Promise<unknown>((resolve) =>
      pool.stream(failing).subscribe({ next: (v) => seen.push(v), error: resolve, complete: () => resolve(undefined) }),
    );
    expect(seen).toEqual([1, 2]);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toBe('row 3 is out of range');
    expect(((error as Error).cause as Error).message).toBe('bad row');
    expect(await pool.submit(() => 'still fine')).toBe('still fine');
  });

  it('a value that cannot be sent back errors the stream with SerializationError', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const error = await lastValueFrom(pool.stream(() => [1, () => 2] as number[])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SerializationError);
  });

  it('a worker dying mid-stream errors the stream with the pool\'s broken error (onWorkerExit: break)', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const dying = async function* () {
      yield 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      process.exit(3);
    };
    const seen: number[] = [];
    const error = await new Promise<unknown>((resolve) =>
      pool.stream(dying).subscribe({ next: (v) => seen.push(v), error: resolve, complete: () => resolve(undefined) }),
    );
    expect(seen).toEqual([1]);
    expect(error).toBeInstanceOf(kind.Broken);
    expect(pool.isBroken).toBe(true);
  });

  it('a worker dying mid-stream errors only that stream with the exit error (onWorkerExit: respawn)', async () => {
    const pool = pools.make(kind, { maxWorkers: 1, onWorkerExit: 'respawn' });
    const dying = async function* () {
      yield 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      process.exit(3);
    };
    const error = await lastValueFrom(pool.stream(dying)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(kind.ExitError);
    expect(await lastValueFrom(pool.stream(() => [7, 8]).pipe(toArray()))).toEqual([7, 8]);
  });

  it('a task that ignores the unsubscribe (stuck in an await) is killed after the abort grace; the pool goes on', async () => {
    const pool = pools.make(kind, { maxWorkers: 1, abortGraceMs: 50 });
    const stuck = async function* () {
      yield `${process.pid}:${require('node:worker_threads').threadId}`;
      await new Promise(() => undefined);
    };
    const [first] = await lastValueFrom(pool.stream(stuck).pipe(take(1), toArray()));
    const next = await pool.submit(whoAmI);
    expect(next).not.toBe(first);
    expect(pool.isBroken).toBe(false);
  });
});
