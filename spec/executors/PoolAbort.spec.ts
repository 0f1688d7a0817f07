import { join } from 'node:path';
import { TimeoutError } from '../../src/errors/TimeoutError';
import { moduleTask } from '../../src/tasks/moduleTask';
import { poolKinds, poolTracker } from './poolKinds';

const cjs = join(__dirname, '..', 'fixtures', 'poolTasks.cjs');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every 10 ms for at most 10 s. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await sleep(10);
  expect(condition()).toBe(true);
}

describe.each(poolKinds)('$name aborting running tasks', (kind) => {
  const pools = poolTracker();
  afterEach(() => pools.cleanup());

  it('counts a timeout from the start of the task, not from submission', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const first = pool.submit(() => new Promise((resolve) => setTimeout(() => resolve('first'), 400)));
    const timed = pool.submitWith({ timeout: 300 }, () => new Promise((resolve) => setTimeout(() => resolve('timed'), 20)));
    await expect(Promise.all([first, timed])).resolves.toEqual(['first', 'timed']);
  });

  it('lets the task see taskSignal() abort and finish within the grace period: the worker is kept', async () => {
    const pool = pools.make(kind, { maxWorkers: 1, abortGraceMs: 5000 });
    const id = await pool.submit(kind.workerId);
    const waiter = moduleTask<() => Promise<string>>(cjs, 'waitForAbort');
    const future = pool.submitWith({ timeout: 100 }, waiter);
    await expect(future.exception(10_000)).resolves.toBeInstanceOf(TimeoutError);
    // The task saw the abort (with the TimeoutError as reason) and cleaned up; the same worker takes the next task.
    await expect(pool.submit(moduleTask<() => string>(cjs, 'sawAbort')).result(10_000)).resolves.toBe('TimeoutError');
    await expect(pool.submit(kind.workerId).result(10_000)).resolves.toBe(id);
  });

  it('kills and replaces the worker of a task that ignores the abort; only that task fails', async () => {
    const pool = pools.make(kind, { maxWorkers: 1, abortGraceMs: 100 });
    const id = await pool.submit(kind.workerId);
    const stuck = pool.submitWith({ timeout: 100 }, () => {
      for (;;);
    });
    const after = [1, 2, 3].map((n) => pool.submit((x: number) => x * 10, n));
    await expect(stuck.exception(10_000)).resolves.toBeInstanceOf(TimeoutError);
    await expect(Promise.all(after.map((f) => f.result(10_000)))).resolves.toEqual([10, 20, 30]);
    await expect(pool.submit(kind.workerId).result(10_000)).resolves.not.toBe(id);
    expect(pool.isBroken).toBe(false);
  });

  it('with abortGraceMs: Infinity never kills the worker of a task that ignores the abort (not even after the 1000 ms default)', async () => {
    const pool = pools.make(kind, { maxWorkers: 1, abortGraceMs: Infinity });
    const id = await pool.submit(kind.workerId);
    const slow = pool.submitWith({ timeout: 50 }, () => {
      const end = Date.now() + 1300;
      while (Date.now() < end);
    });
    await expect(slow.exception(10_000)).resolves.toBeInstanceOf(TimeoutError);
    await expect(pool.submit(kind.workerId).result(10_000)).resolves.toBe(id);
  });

  it("fails a running task with the signal's reason when its signal aborts", async () => {
    const pool = pools.make(kind, { maxWorkers: 1, abortGraceMs: 100 });
    const controller = new AbortController();
    const future = pool.submitWith({ signal: controller.signal }, () => new Promise(() => undefined));
    await until(() => future.running());
    await sleep(50);
    const reason = new Error('user stopped it');
    controller.abort(reason);
    await expect(future.exception(10_000)).resolves.toBe(reason);
    await expect(pool.submit(() => 'still fine').result(10_000)).resolves.toBe('still fine');
  });

  it('removes an aborted queued task: it never runs', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const controller = new AbortController();
    const blocker = pool.submit(() => new Promise((resolve) => setTimeout(resolve, 200)));
    const queued = pool.submitWith({ signal: controller.signal }, () => {
      (globalThis as { __ran?: boolean }).__ran = true;
    });
    controller.abort(new Error('not needed'));
    await expect(queued.exception(10_000)).resolves.toMatchObject({ message: 'not needed' });
    await blocker;
    await expect(pool.submit(() => (globalThis as { __ran?: boolean }).__ran ?? false)).resolves.toBe(false);
  });

  it('shutdown({ timeout }) stops a task that never ends, on time, and leaves no worker', async () => {
    const pool = pools.make(kind, { maxWorkers: 1, abortGraceMs: 100 });
    const stuck = pool.submit(() => {
      for (;;);
    });
    const queued = pool.submit(() => 1);
    await until(() => stuck.running());
    const started = Date.now();
    await pool.shutdown({ timeout: 200 });
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(stuck.exception(1000)).resolves.toBeInstanceOf(TimeoutError);
    expect(queued.cancelled()).toBe(true);
  });
});
