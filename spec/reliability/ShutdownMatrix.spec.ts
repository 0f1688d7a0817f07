/**
 * Row 10: the shutdown matrix. `wait` x `cancelFutures` with 50 queued tasks, a crash during shutdown, submissions
 * during and after shutdown, `shutdown({ timeout })` with a task that never ends, and whole programs that never call
 * shutdown: they finish their pending work and exit by themselves; an idle pool never keeps the event loop alive.
 */
import { ExecutorShutdownError } from '../../src/errors/ExecutorShutdownError';
import { TimeoutError } from '../../src/errors/TimeoutError';
import { bounded, isAlive, modes, poolKinds, reliabilitySuite, SHUTDOWN_MS, sleep, until, WAIT_MS, workerIdOf, threadById } from './harness';
import { runToExit } from './scripts';

const quick = (n: number) => new Promise<number>((resolve) => setTimeout(() => resolve(n), 2));

describe.each(poolKinds)('$name row 10: shutdown', (kind) => {
  const h = reliabilitySuite();

  describe.each([
    { wait: true, cancelFutures: false },
    { wait: true, cancelFutures: true },
    { wait: false, cancelFutures: false },
    { wait: false, cancelFutures: true },
  ])('shutdown(%o) with 50 queued tasks', (options) => {
    it('settles every future; cancelled and finished counts add up and match the options', async () => {
      const pool = h.make(kind, { maxWorkers: 2 });
      const futures = Array.from({ length: 50 }, (_, i) => pool.submit(quick, i));
      await until(() => futures.some((future) => future.running()), 'a task runs');
      await bounded(pool.shutdown(options), SHUTDOWN_MS, 'shutdown');
      if (options.wait) expect(futures.every((future) => future.done())).toBe(true);
      else if (!options.cancelFutures) expect(futures.some((future) => !future.done())).toBe(true);
      await bounded(Promise.all(futures.map((f) => f.exception().catch(() => undefined))), WAIT_MS, 'all futures');
      const cancelled = futures.filter((future) => future.cancelled());
      const finished = futures.filter((future) => future.state === 'FINISHED');
      expect(cancelled.length + finished.length).toBe(50);
      if (options.cancelFutures) expect(cancelled.length).toBeGreaterThan(0);
      else expect(cancelled).toHaveLength(0);
      // The finished ones are a prefix of the queue (FIFO) with their own results.
      await expect(Promise.all(finished)).resolves.toEqual(finished.map((_, i) => i));
      expect(() => pool.submit(quick, 1)).toThrow(ExecutorShutdownError);
    });
  });

  it.each(modes)("a crash during shutdown: shutdown still resolves and every future settles ('%s')", async (mode) => {
    const pool = h.make(kind, { maxWorkers: 1, onWorkerExit: mode });
    const victim = pool.submit(() => new Promise(() => undefined));
    const queued = Array.from({ length: 5 }, (_, i) => pool.submit(quick, i));
    await until(() => victim.running() && workerIdOf(pool, victim) !== undefined, 'the victim runs');
    const id = workerIdOf(pool, victim)!;
    const closing = pool.shutdown();
    if (kind.name === 'ThreadPoolExecutor') void threadById(id).terminate();
    else process.kill(id, 'SIGKILL');
    await bounded(closing, SHUTDOWN_MS, 'shutdown after a crash');
    expect(await victim.exception(WAIT_MS)).toBeInstanceOf(mode === 'respawn' ? kind.ExitError : kind.Broken);
    const outcomes = await Promise.all(queued.map((future) => future.result().then((v) => v, (e: unknown) => e)));
    if (mode === 'respawn') expect(outcomes).toEqual([0, 1, 2, 3, 4]);
    else for (const outcome of outcomes) expect(outcome).toBeInstanceOf(kind.Broken);
  });

  it('submit, submitWith and map during and after shutdown throw ExecutorShutdownError', async () => {
    const pool = h.make(kind, { maxWorkers: 1 });
    const running = pool.submit(quick, 1);
    const closing = pool.shutdown();
    expect(() => pool.submit(quick, 2)).toThrow(ExecutorShutdownError);
    expect(() => pool.submitWith({ timeout: 10 }, quick, 2)).toThrow(ExecutorShutdownError);
    expect(() => pool.map(quick, [1, 2])).toThrow(ExecutorShutdownError);
    await bounded(closing, SHUTDOWN_MS, 'shutdown');
    await expect(running).resolves.toBe(1);
    expect(() => pool.submit(quick, 3)).toThrow(ExecutorShutdownError);
    expect(pool.isShutdown).toBe(true);
  });

  it.each([
    ['while (true) {}', () => {
      for (;;);
    }],
    ['a promise that never settles', () => new Promise(() => undefined)],
  ])('shutdown({ timeout }) with %s running returns on time; queued work is cancelled', async (_, stuck) => {
    const pool = h.make(kind, { maxWorkers: 2, abortGraceMs: 200 });
    const running = [pool.submit(stuck), pool.submit(stuck)];
    const queued = pool.submit(quick, 1);
    await until(() => running.every((future) => future.running()), 'the stuck tasks run');
    await bounded(pool.shutdown({ timeout: 300 }), SHUTDOWN_MS, 'shutdown with a timeout');
    for (const future of running) expect(await future.exception(WAIT_MS)).toBeInstanceOf(TimeoutError);
    expect(queued.cancelled()).toBe(true);
  });

  it('shutdown(), then shutdown({ cancelFutures }) before any worker started: resolves; the task is cancelled', async () => {
    const pool = h.make(kind, { maxWorkers: 1 });
    const future = pool.submit(quick, 5);
    const calls = [pool.shutdown(), pool.shutdown({ wait: false }), pool.shutdown({ cancelFutures: true })];
    await bounded(Promise.all(calls), SHUTDOWN_MS, 'shutdowns');
    expect(future.cancelled()).toBe(true);
  });

  it('shutdown(), then shutdown({ cancelFutures }) with a task running: it finishes, the queued ones are cancelled', async () => {
    const pool = h.make(kind, { maxWorkers: 1 });
    const running = pool.submit((ms: number) => new Promise((resolve) => setTimeout(() => resolve('ran'), ms)), 100);
    const queued = [1, 2, 3].map((n) => pool.submit(quick, n));
    await until(() => running.running(), 'the first task runs');
    const first = pool.shutdown();
    await bounded(Promise.all([first, pool.shutdown({ cancelFutures: true })]), SHUTDOWN_MS, 'shutdowns');
    await expect(running).resolves.toBe('ran');
    expect(queued.every((future) => future.cancelled())).toBe(true);
  });

  describe('a program that never calls shutdown', () => {
    it('finishes its pending work (20 tasks, one failing) and exits by itself', async () => {
      const lines = await runToExit(kind, 'pending');
      expect(lines).toContain('all 20 settled');
      const { pids } = JSON.parse(lines[0]) as { pids: number[] };
      await sleep(100);
      if (kind.name === 'ProcessPoolExecutor') expect(pids.filter(isAlive)).toEqual([]);
    });

    it.each(['idle', 'unused', 'respawned'])('with a pool left %s exits by itself', async (mode) => {
      const lines = await runToExit(kind, mode);
      expect(lines.length).toBeGreaterThan(0);
      if (mode === 'respawned') expect(JSON.parse(lines[1])).toHaveProperty('replacement');
    });
  });
});
