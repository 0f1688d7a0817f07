/**
 * Rows 5, 6 and 7: a worker's death is noticed from its exit, not from a failed send (a large payload in flight, a
 * dispatch to a worker that has just gone, EPIPE and closed-channel events); a worker that exits just after sending
 * its result; an error thrown in a worker after its task finished. Nothing may crash the parent or leave a future
 * pending, in either `onWorkerExit` mode.
 */
import type { PoolEvent } from '../../src/executors/pool/PoolStats';
import type { PoolExecutor } from '../../src/executors/pool/PoolExecutor';
import { childByPid, modes, poolKinds, reliabilitySuite, threadById, until, WAIT_MS, type PoolKind } from './harness';

const isThread = (kind: PoolKind) => kind.name === 'ThreadPoolExecutor';

/** Ends the worker with this id from outside: SIGKILL for a process, `terminate()` for a thread. */
function killWorker(kind: PoolKind, id: number): void {
  if (isThread(kind)) void threadById(id).terminate();
  else process.kill(id, 'SIGKILL');
}

/** After a death: in respawn mode the pool still works; in break mode it is broken and refuses work. */
async function expectModeOutcome(pool: PoolExecutor, kind: PoolKind, mode: (typeof modes)[number]): Promise<void> {
  if (mode === 'respawn') {
    await expect(pool.submit((n: number) => n + 1, 41).result(WAIT_MS)).resolves.toBe(42);
    expect(pool.isBroken).toBe(false);
  } else {
    await until(() => pool.isBroken, 'the pool is broken');
    expect(() => pool.submit(() => 1)).toThrow(kind.Broken);
  }
}

/** The error a future held by a dead worker must fail with, per mode. */
const deathError = (kind: PoolKind, mode: (typeof modes)[number]) => (mode === 'respawn' ? kind.ExitError : kind.Broken);

describe.each(poolKinds)('$name row 5: death detected without the send path', (kind) => {
  const h = reliabilitySuite();

  describe.each(modes)("onWorkerExit '%s'", (mode) => {
    it.each([
      ['before the pool dispatches it', false],
      ['while it is being sent', true],
    ])('a worker killed with a 32 MB payload in flight to it (%s): the future settles, the parent lives', async (_, afterDispatch) => {
      const pool = h.make(kind, { maxWorkers: 1, onWorkerExit: mode });
      for (let round = 0; round < 2 && !pool.isBroken; round++) {
        const id = await pool.submit(kind.workerId).result(WAIT_MS);
        const payload = new Uint8Array(32 * 1024 * 1024).fill(7);
        const future = pool.submit((bytes: Uint8Array) => bytes.length, payload);
        if (afterDispatch) await Promise.resolve().then(() => undefined);
        let exited = false;
        const watch = pool.events.subscribe((event) => (exited ||= event.type === 'workerExit'));
        killWorker(kind, id);
        // Arguments are copied at submit and a thread receives the copy moved, not cloned again, so the worker may
        // finish the task before the kill lands: the future settles either way, with the value or with the death.
        const outcome = await future.result(WAIT_MS).then((value) => value, (error: unknown) => error);
        if (outcome !== payload.length) expect(outcome).toBeInstanceOf(deathError(kind, mode));
        // The next round starts once the pool has seen the death, whichever way the race went.
        await until(() => exited, 'the pool sees the worker exit');
        watch.unsubscribe();
      }
      await expectModeOutcome(pool, kind, mode);
    });

    it('a dispatch to a worker that has just exited: the future settles with the death, never hangs', async () => {
      const pool = h.make(kind, { maxWorkers: 1, onWorkerExit: mode });
      for (let round = 0; round < 3 && !pool.isBroken; round++) {
        const id = await pool.submit(kind.workerId).result(WAIT_MS);
        killWorker(kind, id);
        // The pool has not seen the exit yet: it sends to the dead worker.
        const future = pool.submit((n: number) => n, round);
        const outcome = await future.result(WAIT_MS).then((value) => value, (error: unknown) => error);
        expect(outcome).toBeInstanceOf(deathError(kind, mode));
      }
      await expectModeOutcome(pool, kind, mode);
    });
  });

  if (!isThread(kind)) {
    it('EPIPE and ERR_IPC_CHANNEL_CLOSED arriving as error events crash nothing; the task still finishes', async () => {
      const pool = h.make(kind, { maxWorkers: 1 });
      const id = await pool.submit(kind.workerId).result(WAIT_MS);
      const future = pool.submit(() => new Promise((resolve) => setTimeout(() => resolve('done'), 100)));
      await until(() => future.running(), 'the task runs');
      const child = childByPid(id);
      child.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      child.emit('error', Object.assign(new Error('Channel closed'), { code: 'ERR_IPC_CHANNEL_CLOSED' }));
      await expect(future.result(WAIT_MS)).resolves.toBe('done');
      expect(pool.isBroken).toBe(false);
    });

    it.each(modes)("the IPC channel closed from outside while a task runs ('%s'): the future fails with the death", async (mode) => {
      const pool = h.make(kind, { maxWorkers: 1, onWorkerExit: mode });
      const id = await pool.submit(kind.workerId).result(WAIT_MS);
      const future = pool.submit(() => new Promise(() => undefined));
      await until(() => future.running(), 'the task runs');
      childByPid(id).disconnect();
      await expect(future.exception(WAIT_MS)).resolves.toBeInstanceOf(deathError(kind, mode));
      await expectModeOutcome(pool, kind, mode);
    });

    it.each(modes)("a dispatch to a worker whose channel was closed from outside fails with the death, not a SerializationError ('%s')", async (mode) => {
      const pool = h.make(kind, { maxWorkers: 1, onWorkerExit: mode });
      const id = await pool.submit(kind.workerId).result(WAIT_MS);
      childByPid(id).disconnect();
      const future = pool.submit((n: number) => n, 1);
      const outcome = await future.result(WAIT_MS).then((value) => value, (error: unknown) => error);
      expect(outcome).toBeInstanceOf(deathError(kind, mode));
      await expectModeOutcome(pool, kind, mode);
    });
  }
});

describe.each(poolKinds)('$name row 6: a worker that exits just after sending its result', (kind) => {
  const h = reliabilitySuite();

  it.each(modes)("that future succeeds; the next task is handled per mode ('%s')", async (mode) => {
    for (let round = 0; round < 3; round++) {
      const pool = h.make(kind, { maxWorkers: 1, onWorkerExit: mode });
      const future = pool.submit((n: number) => {
        setImmediate(() => process.exit(0));
        return `result ${n}`;
      }, round);
      await expect(future.result(WAIT_MS)).resolves.toBe(`result ${round}`);
      // Once the pool has seen the exit (a task sent before that may fail with the death: row 5).
      await until(() => pool.isBroken || (pool as unknown as { workers: Set<unknown> }).workers.size === 0, 'the exit is seen');
      await expectModeOutcome(pool, kind, mode);
      await pool.shutdown();
    }
  });
});

describe.each(poolKinds)('$name row 7: an error thrown in a worker after its task finished', (kind) => {
  const h = reliabilitySuite();
  let warnings: jest.SpyInstance;
  beforeEach(() => {
    warnings = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  });
  afterEach(() => warnings.mockRestore());
  /** The warnings that report an idle worker's death. */
  const idleDeathWarnings = () =>
    warnings.mock.calls.filter(([, options]) => (options as { code?: string } | undefined)?.code === 'RXFUTURES_IDLE_WORKER_DIED');

  const strayTask = () => {
    setTimeout(() => {
      throw new Error('stray after the task');
    }, 30);
    return 'finished';
  };

  it.each(modes)("is attributed to no task; the pool handles it per mode ('%s'), idle worker or not", async (mode) => {
    const pool = h.make(kind, { maxWorkers: 1, onWorkerExit: mode });
    const events: PoolEvent[] = [];
    pool.events.subscribe((event) => events.push(event));
    const done = pool.submit(strayTask);
    await expect(done.result(WAIT_MS)).resolves.toBe('finished');
    await until(() => events.some((event) => event.type === 'workerExit'), 'the worker exits');
    expect(done.state).toBe('FINISHED');
    await expect(done.result()).resolves.toBe('finished');
    if (mode === 'break') {
      await until(() => pool.isBroken, 'the pool is broken');
      let thrown: unknown;
      try {
        pool.submit(() => 1);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(kind.Broken);
      if (isThread(kind)) expect(((thrown as Error).cause as Error).message).toBe('stray after the task');
      expect(idleDeathWarnings()).toHaveLength(0); // the broken pool reports it
    } else {
      await expectModeOutcome(pool, kind, mode);
      // No future fails with it, so it is reported once, as a warning of its own type and code.
      expect(idleDeathWarnings()).toHaveLength(1);
      const [message, options] = idleDeathWarnings()[0]!;
      expect(options).toMatchObject({ type: 'RxFuturesWorkerWarning' });
      expect(message).toMatch(/while idle/);
      if (isThread(kind)) expect((options as { detail: string }).detail).toContain('stray after the task');
    }
    // Either way the pool's events say which worker died of what, before its exit.
    const types = events.map((event) => event.type);
    expect(types.indexOf('workerError')).toBeGreaterThanOrEqual(0);
    expect(types.indexOf('workerError')).toBeLessThan(types.indexOf('workerExit'));
    const { error, workerName } = events.find((event) => event.type === 'workerError')!;
    expect(error).toBeInstanceOf(kind.ExitError);
    expect((error as { workerName?: string }).workerName).toBe(workerName);
    if (isThread(kind)) expect((error!.cause as Error).message).toBe('stray after the task');
  });

  it("respawn mode: an idle worker's death is reported even with nobody subscribed to the pool's events", async () => {
    const pool = h.make(kind, { maxWorkers: 1, onWorkerExit: 'respawn' });
    await expect(pool.submit(strayTask).result(WAIT_MS)).resolves.toBe('finished');
    await until(() => idleDeathWarnings().length > 0, 'the death is reported', 10_000);
    await expectModeOutcome(pool, kind, 'respawn');
    expect(idleDeathWarnings()).toHaveLength(1);
  });

  it("respawn mode: a task running when the stray error kills its worker fails with the exit error, not the stray error", async () => {
    const pool = h.make(kind, { maxWorkers: 1, onWorkerExit: 'respawn' });
    const done = pool.submit(strayTask);
    const innocent = pool.submit(() => new Promise((resolve) => setTimeout(() => resolve('innocent'), 2000)));
    await expect(done.result(WAIT_MS)).resolves.toBe('finished');
    const error = (await innocent.exception(WAIT_MS)) as Error;
    expect(error).toBeInstanceOf(kind.ExitError);
    expect(error.message).not.toBe('stray after the task');
    await expect(pool.submit(() => 'after').result(WAIT_MS)).resolves.toBe('after');
  });
});
