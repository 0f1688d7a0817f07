/**
 * reportProgress() inside a task and future.progress outside it, on the executors that carry progress: the
 * AsyncExecutor (in this process) and both worker pools (a PROGRESS message of the worker protocol).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import { AsyncExecutor, reportProgress, SerializationError, type Executor } from '../../src';
import { poolKinds } from './poolKinds';

// Pool tasks are sent as source, so they load reportProgress themselves: from the built package, as the worker's copy
// of rxfutures (the one whose task context the worker runtime sets). AsyncExecutor tasks use this file's import.

/** Reports i/steps for i = 1..steps, `ms` apart, then returns 'done'. */
const stepsInPool = async (steps: number, ms: number) => {
  const { reportProgress: report } = require('rxfutures') as typeof import('../../src');
  for (let i = 1; i <= steps; i++) {
    report(i / steps);
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
  return 'done';
};
const stepsHere = async (steps: number, ms: number) => {
  for (let i = 1; i <= steps; i++) {
    reportProgress(i / steps);
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
  return 'done';
};
/** Reports 0..count-1 synchronously, as fast as it can, then returns the count. */
const floodInPool = (count: number) => {
  const { reportProgress: report } = require('rxfutures') as typeof import('../../src');
  for (let i = 0; i < count; i++) report(i);
  return count;
};
const floodHere = (count: number) => {
  for (let i = 0; i < count; i++) reportProgress(i);
  return count;
};

/** Attempt n (counted in the file at `path`) reports n/2; the first attempt then fails, the second returns 'ok'. */
const halfThenFailInPool = (path: string) => {
  const { reportProgress: report } = require('rxfutures') as typeof import('../../src');
  const fs = require('node:fs') as typeof import('node:fs');
  const attempt = (fs.existsSync(path) ? Number(fs.readFileSync(path, 'utf8')) : 0) + 1;
  fs.writeFileSync(path, String(attempt));
  report(attempt / 2);
  if (attempt === 1) throw new RangeError('first attempt fails');
  return 'ok';
};
let attemptsHere = 0;
const halfThenFailHere = () => {
  attemptsHere++;
  reportProgress(attemptsHere / 2);
  if (attemptsHere === 1) throw new RangeError('first attempt fails');
  return 'ok';
};

const kinds = [
  {
    name: 'AsyncExecutor',
    make: (): Executor => new AsyncExecutor({ maxWorkers: 2 }),
    steps: stepsHere,
    flood: floodHere,
    halfThenFail: halfThenFailHere,
    pool: false,
  },
  ...poolKinds.map((kind) => ({
    name: kind.name,
    make: (): Executor => kind.create({ maxWorkers: 2 }),
    steps: stepsInPool,
    flood: floodInPool,
    halfThenFail: halfThenFailInPool,
    pool: true,
  })),
];

describe.each(kinds)('$name: progress', ({ make, steps, flood, halfThenFail, pool }) => {
  const executors: Executor[] = [];
  const create = () => {
    const executor = make();
    executors.push(executor);
    return executor;
  };
  afterEach(async () => {
    await Promise.all(executors.splice(0).map((executor) => executor.shutdown({ cancelFutures: true, timeout: 5000 })));
  });

  it('delivers the values while the task runs, in order, and completes when the future settles', async () => {
    const executor = create();
    const future = executor.submit(steps, 4, 40);
    const seen: [unknown, string][] = [];
    const values = lastValueFrom(future.progress.pipe(toArray()));
    future.progress.subscribe((value) => seen.push([value, future.state]));
    await expect(future.result(10_000)).resolves.toBe('done');
    const all = await values;
    expect(all).toEqual([0.25, 0.5, 0.75, 1]);
    expect(seen.map(([value]) => value)).toEqual(all);
    expect(seen.every(([, state]) => state === 'RUNNING')).toBe(true); // each came within the task, not at its end
  });

  it('gives a late subscriber the latest value, then completes', async () => {
    const executor = create();
    const future = executor.submit(steps, 3, 1);
    await future.result(10_000);
    await expect(lastValueFrom(future.progress.pipe(toArray()))).resolves.toEqual([1]);
    const silent = executor.submit((x: number) => x, 1);
    await silent.result(10_000);
    await expect(lastValueFrom(silent.progress.pipe(toArray()))).resolves.toEqual([]);
  });

  it('survives a task that reports a million times; a pool sends only some of them, the last one always', async () => {
    const executor = create();
    const future = executor.submit(flood, 1_000_000);
    const values: unknown[] = [];
    if (pool) future.progress.subscribe((value) => values.push(value));
    await expect(future.result(20_000)).resolves.toBe(1_000_000);
    if (pool) {
      expect(values.length).toBeLessThan(1000);
      expect(values[values.length - 1]).toBe(999_999);
    }
    await expect(lastValueFrom(future.progress)).resolves.toBe(999_999);
  });

  it('a retried task reports to the one future across its attempts', async () => {
    const executor = create();
    const dir = mkdtempSync(join(tmpdir(), 'rxf-progress-'));
    try {
      const retried = executor.submitWith({ retries: 1 }, halfThenFail, join(dir, 'attempts'));
      const values = lastValueFrom(retried.progress.pipe(toArray()));
      await expect(retried.result(10_000)).resolves.toBe('ok');
      expect(retried.attempts).toBe(2);
      expect(await values).toEqual([0.5, 1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  if (pool) {
    it('reaches the parent while a synchronous task still runs', async () => {
      const executor = create();
      const busy = (ms: number) => {
        const { reportProgress: report } = require('rxfutures') as typeof import('../../src');
        const end = Date.now() + ms;
        let n = 0;
        while (Date.now() < end) report(++n);
        return n;
      };
      const future = executor.submit(busy, 1500);
      const first = await new Promise<string>((resolve) => future.progress.subscribe(() => resolve(future.state)));
      expect(first).toBe('RUNNING');
      await future.result(20_000);
    });

    it('fails the task with SerializationError when its progress value cannot be sent', async () => {
      const executor = create();
      const unsendable = () => {
        const { reportProgress: report } = require('rxfutures') as typeof import('../../src');
        report(() => 1);
        return 'never';
      };
      await expect(executor.submit(unsendable).exception(10_000)).resolves.toBeInstanceOf(SerializationError);
    });
  }
});

it('reportProgress() outside a task does nothing', () => {
  expect(() => reportProgress(0.5)).not.toThrow();
});
