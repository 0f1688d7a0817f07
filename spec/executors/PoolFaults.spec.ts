import type { PoolEvent } from '../../src/executors/pool/PoolStats';
import { moduleTask } from '../../src/tasks/moduleTask';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { poolKinds, poolTracker, type PoolKind } from './poolKinds';

/** Ways to kill the worker running a task, each as a task. */
const deaths: Array<{
  name: string;
  task: () => unknown;
  options?: (kind: PoolKind) => object;
  code?: number;
  threadsOnly?: boolean;
  /** The death is running out of memory, which the message must say. */
  outOfMemory?: boolean;
}> = [
  { name: 'process.exit(3) in a task', task: () => process.exit(3), code: 3 },
  {
    name: 'an uncaught exception in a timer',
    task: () => {
      setTimeout(() => {
        throw new Error('stray');
      });
      return new Promise(() => undefined);
    },
  },
  {
    name: 'an unhandled rejection',
    task: () => {
      void Promise.reject(new Error('unhandled'));
      return new Promise(() => undefined);
    },
  },
  {
    name: 'running out of memory',
    task: () => {
      const hog: number[][] = [];
      for (;;) hog.push(new Array(100_000).fill(hog.length));
    },
    // Processes: see the separate test below (the child's OOM report must not reach jest's stderr).
    threadsOnly: true,
    outOfMemory: true,
    options: () => ({ resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 } }),
  },
];

describe.each(poolKinds)('$name faults', (kind) => {
  const pools = poolTracker();
  afterEach(() => pools.cleanup());

  describe.each(deaths.filter((death) => !death.threadsOnly || kind.name === 'ThreadPoolExecutor'))('a worker dying by $name', (death) => {
    it("breaks the pool by default: every pending and running future fails with its own Broken* error", async () => {
      const pool = pools.make(kind, { maxWorkers: 2, ...death.options?.(kind) });
      const running = pool.submit(() => new Promise((resolve) => setTimeout(resolve, 20_000)));
      const dying = pool.submit(death.task);
      const queued = Array.from({ length: 5 }, () => pool.submit(() => new Promise((resolve) => setTimeout(resolve, 20_000))));
      const errors = await Promise.all([running, dying, ...queued].map((f) => f.exception(20_000)));
      for (const error of errors) expect(error).toBeInstanceOf(kind.Broken);
      expect(new Set(errors).size).toBe(errors.length);
      expect((errors[1] as Error).message).toMatch(/terminated abruptly while the future was running or pending/);
      if (death.code !== undefined) expect((errors[1] as Error).message).toContain(`code ${death.code}`);
      // Out of memory is named as such (a bare "exited with code 1" sends users looking for a bug), and only then.
      if (death.outOfMemory) expect((errors[1] as Error).message).toMatch(/ran out of memory/);
      else expect((errors[1] as Error).message).not.toMatch(/memory/);
      expect(pool.isBroken).toBe(true);
      expect(() => pool.submit(() => 1)).toThrow(kind.Broken);
    });

    it("with onWorkerExit 'respawn' fails only that worker's future and keeps working", async () => {
      const pool = pools.make(kind, { maxWorkers: 2, onWorkerExit: 'respawn', ...death.options?.(kind) });
      const other = pool.submit(() => new Promise((resolve) => setTimeout(() => resolve('other'), 300)));
      const dying = pool.submit(death.task);
      const error = await dying.exception(20_000);
      expect(error).toBeInstanceOf(kind.ExitError);
      expect(error).toBeInstanceOf(kind.Broken);
      if (death.code !== undefined) expect((error as { exitCode: number }).exitCode).toBe(death.code);
      if (death.outOfMemory) expect((error as Error).message).toMatch(/ran out of memory/);
      else expect((error as Error).message).not.toMatch(/memory/);
      await expect(other.result(20_000)).resolves.toBe('other');
      await expect(pool.submit((n: number) => n + 1, 1).result(20_000)).resolves.toBe(2);
      expect(pool.isBroken).toBe(false);
    });
  });

  it('a failing initializer breaks the pool once: no respawn loop, pending futures and later submits fail', async () => {
    const events: PoolEvent[] = [];
    const pool = pools.make(kind, {
      maxWorkers: 2,
      onWorkerExit: 'respawn',
      initializer: () => {
        throw new Error('no database');
      },
    });
    pool.events.subscribe((event) => events.push(event));
    const futures = Array.from({ length: 6 }, (_, i) => pool.submit((n: number) => n, i));
    const errors = await Promise.all(futures.map((f) => f.exception(20_000)));
    for (const error of errors) expect(error).toBeInstanceOf(kind.Broken);
    expect(((errors[0] as Error).cause as Error).message).toBe('no database');
    expect(() => pool.submit(() => 1)).toThrow(kind.Broken);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events.filter((e) => e.type === 'workerStart').length).toBeLessThanOrEqual(2);
    expect(events.filter((e) => e.type === 'broken')).toHaveLength(1);
  });

  it('an initializer that exits the worker breaks the pool', async () => {
    const pool = pools.make(kind, { maxWorkers: 1, onWorkerExit: 'respawn', initializer: () => process.exit(5) });
    await expect(pool.submit(() => 1).exception(20_000)).resolves.toBeInstanceOf(kind.Broken);
    expect(pool.isBroken).toBe(true);
  });

  it('a module initializer that is missing breaks the pool', async () => {
    const pool = pools.make(kind, { maxWorkers: 1, initializer: moduleTask(join(__dirname, 'no-such-file.cjs')) });
    await expect(pool.submit(() => 1).exception(20_000)).resolves.toBeInstanceOf(kind.Broken);
  });

  it('a task that throws fails only its own future; the worker lives on', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const id = await pool.submit(kind.workerId);
    await expect(pool.submit(() => { throw new Error('x'); }).exception(20_000)).resolves.toBeInstanceOf(Error);
    await expect(pool.submit(kind.workerId)).resolves.toBe(id);
  });
});

describe('ProcessPoolExecutor killed from outside', () => {
  const pools = poolTracker();
  afterEach(() => pools.cleanup());
  const kind = poolKinds[1];

  it.each(['SIGKILL', 'SIGTERM'] as const)('%s breaks the pool with a message naming the signal', async (signal) => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const pid = await pool.submit(() => process.pid);
    const running = pool.submit(() => new Promise((resolve) => setTimeout(resolve, 20_000)));
    const queued = pool.submit(() => 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.kill(pid, signal);
    const errors = await Promise.all([running.exception(20_000), queued.exception(20_000)]);
    expect(errors[0]).toBeInstanceOf(kind.Broken);
    expect(errors[1]).toBeInstanceOf(kind.Broken);
    expect((errors[0] as Error).message).toContain(signal);
  });

  it("SIGKILL in 'respawn' mode fails the task with an exit error naming the signal", async () => {
    const pool = pools.make(kind, { maxWorkers: 1, onWorkerExit: 'respawn' });
    const pid = await pool.submit(() => process.pid);
    const running = pool.submit(() => new Promise((resolve) => setTimeout(resolve, 20_000)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.kill(pid, 'SIGKILL');
    const error = (await running.exception(20_000)) as { signal: string };
    expect(error).toBeInstanceOf(kind.ExitError);
    expect(error.signal).toBe('SIGKILL');
    await expect(pool.submit(() => process.pid)).resolves.not.toBe(pid);
  });
});

describe('ProcessPoolExecutor child running out of memory', () => {
  function runOom(mode: string): Promise<Record<string, unknown>> {
    const script = join(__dirname, '..', 'fixtures', 'poolOom.cjs');
    return new Promise((resolve, reject) => {
      execFile(process.execPath, [script, mode], { timeout: 25_000 }, (error, stdout) => {
        if (error) reject(error);
        else resolve(JSON.parse(stdout) as Record<string, unknown>);
      });
    });
  }

  it('breaks the pool by default, naming the signal and out of memory as its likely cause', async () => {
    const outcome = await runOom('break');
    expect(outcome).toMatchObject({ broken: true, exitError: false, next: 'BrokenProcessPool' });
    expect(outcome.message).toMatch(/terminated abruptly.*SIGABRT|terminated abruptly.*code/);
    expect(outcome.message).toMatch(/out of memory \(likely\)/);
  });

  it("fails only that task with ProcessWorkerExitError in 'respawn' mode, saying out of memory (likely)", async () => {
    const outcome = await runOom('respawn');
    expect(outcome).toMatchObject({ broken: true, exitError: true, next: 'next' });
    expect(outcome.message).toMatch(/out of memory \(likely\)/);
  });
});
