/**
 * Row 4: a worker dying mid-task, by every route, in both `onWorkerExit` modes. Default mode: every pending and
 * running future fails with the pool's Broken* error naming the exit code or signal, each future with its own error
 * object, and later submissions throw. Respawn mode: only that worker's future fails, with a WorkerExitError, and the
 * pool keeps working.
 */
import type { PoolExecutor, PoolOptions } from '../../src/executors/pool/PoolExecutor';
import type { Future } from '../../src/Future';
import { poolKinds, reliabilitySuite, threadById, until, WAIT_MS, workerIdOf, type PoolKind } from './harness';

const hang = () => new Promise(() => undefined);

interface Death {
  name: string;
  only?: PoolKind['name'];
  /** The task that kills its worker (default: a task that hangs, killed from outside by `external`). */
  task?: () => unknown;
  /** Kills the worker with this id from outside. */
  external?: (id: number) => void;
  options?: PoolOptions;
  /** What the error message and fields must name. */
  code?: number;
  signal?: string;
}

const deaths: Death[] = [
  { name: 'process.exit(3) in a task', task: () => process.exit(3), code: 3 },
  { name: 'process.exit(0) in a task', task: () => process.exit(0), code: 0 },
  {
    name: 'an uncaught exception in a timer inside the task',
    task: () => {
      setTimeout(() => {
        throw new Error('stray timer');
      }, 5);
      return new Promise(() => undefined);
    },
  },
  {
    name: 'an unhandled rejection inside the task',
    task: () => {
      void Promise.reject(new Error('nobody catches me'));
      return new Promise(() => undefined);
    },
  },
  {
    name: 'running out of memory (resourceLimits)',
    only: 'ThreadPoolExecutor',
    task: () => {
      const hog: number[][] = [];
      for (;;) hog.push(new Array(100_000).fill(hog.length));
    },
    options: { resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 } } as PoolOptions,
  },
  { name: 'worker.terminate() from outside', only: 'ThreadPoolExecutor', external: (id) => void threadById(id).terminate(), code: 1 },
  { name: 'SIGKILL from outside', only: 'ProcessPoolExecutor', external: (id) => process.kill(id, 'SIGKILL'), signal: 'SIGKILL' },
  { name: 'SIGTERM from outside', only: 'ProcessPoolExecutor', external: (id) => process.kill(id, 'SIGTERM'), signal: 'SIGTERM' },
];

/** Submits the dying task and, for an outside route, kills its worker once it runs. */
async function submitDeath(pool: PoolExecutor, death: Death): Promise<{ dying: Future<unknown> }> {
  const dying = pool.submit(death.task ?? hang);
  if (death.external !== undefined) {
    await until(() => dying.running() && workerIdOf(pool, dying) !== undefined, 'the dying task runs');
    death.external(workerIdOf(pool, dying)!);
  }
  // Wrapped: an async function returning the future itself would adopt its outcome.
  return { dying };
}

describe.each(poolKinds)('$name row 4: a worker dying mid-task', (kind) => {
  const h = reliabilitySuite();
  const routes = deaths.filter((death) => death.only === undefined || death.only === kind.name);

  describe.each(routes)('by $name', (death) => {
    it('default mode: every pending and running future fails with its own Broken* error naming the exit; submit throws', async () => {
      const pool = h.make(kind, { maxWorkers: 2, ...death.options });
      const running = pool.submit(() => new Promise((resolve) => setTimeout(resolve, 20_000)));
      await until(() => running.running(), 'the neighbour runs');
      const { dying } = await submitDeath(pool, death);
      const queued = [1, 2, 3].map((n) => pool.submit((x: number) => x, n));
      const errors = (await Promise.all([running, dying, ...queued].map((f) => f.exception(WAIT_MS)))) as Error[];
      for (const error of errors) expect(error).toBeInstanceOf(kind.Broken);
      for (const error of errors) expect(error).not.toBeInstanceOf(kind.ExitError);
      expect(new Set(errors).size).toBe(errors.length);
      expect(errors[1].message).toMatch(/terminated abruptly while the future was running or pending/);
      if (death.code !== undefined) expect(errors[1].message).toContain(`exited with code ${death.code}`);
      if (death.signal !== undefined) expect(errors[1].message).toContain(`killed by ${death.signal}`);
      expect(pool.isBroken).toBe(true);
      expect(() => pool.submit(() => 1)).toThrow(kind.Broken);
      expect(() => pool.map((x: number) => x, [1])).toThrow(kind.Broken);
    });

    it("respawn mode: only that worker's future fails, with an exit error naming the exit; the pool keeps working", async () => {
      const pool = h.make(kind, { maxWorkers: 2, onWorkerExit: 'respawn', ...death.options });
      const other = pool.submit(() => new Promise((resolve) => setTimeout(() => resolve('other'), 300)));
      await until(() => other.running(), 'the neighbour runs');
      const { dying } = await submitDeath(pool, death);
      const error = (await dying.exception(WAIT_MS)) as Error & { exitCode: number | null; signal: string | null; workerName: string };
      expect(error).toBeInstanceOf(kind.ExitError);
      expect(error).toBeInstanceOf(kind.Broken);
      expect(error.workerName).toMatch(new RegExp(`^${kind.name}-\\d+_\\d+$`));
      if (death.code !== undefined) expect([error.exitCode, error.message]).toEqual([death.code, expect.stringContaining(`code ${death.code}`)]);
      if (death.signal !== undefined) expect([error.signal, error.message]).toEqual([death.signal, expect.stringContaining(death.signal)]);
      await expect(other.result(WAIT_MS)).resolves.toBe('other');
      const next = Array.from({ length: 4 }, (_, i) => pool.submit((x: number) => x * 2, i));
      await expect(Promise.all(next.map((f) => f.result(WAIT_MS)))).resolves.toEqual([0, 2, 4, 6]);
      expect(pool.isBroken).toBe(false);
    });
  });

  it('a stack overflow is a task error (RangeError), not a death: the same worker takes the next task', async () => {
    const pool = h.make(kind, { maxWorkers: 1 });
    const id = await pool.submit(kind.workerId).result(WAIT_MS);
    const error = await pool
      .submit(function recurse(n: number): number {
        return recurse(n + 1) + 1;
      }, 0)
      .exception(WAIT_MS);
    expect(error).toBeInstanceOf(RangeError);
    await expect(pool.submit(kind.workerId).result(WAIT_MS)).resolves.toBe(id);
  });

  it('respawn mode survives three deaths in a row, each failing only its own future', async () => {
    const pool = h.make(kind, { maxWorkers: 1, onWorkerExit: 'respawn' });
    const ids = new Set<number>();
    for (let round = 0; round < 3; round++) {
      ids.add(await pool.submit(kind.workerId).result(WAIT_MS));
      const dying = pool.submit((code: number) => process.exit(code), 10 + round);
      expect(((await dying.exception(WAIT_MS)) as { exitCode: number }).exitCode).toBe(10 + round);
    }
    expect(ids.size).toBe(3);
    await expect(pool.submit(() => 'alive').result(WAIT_MS)).resolves.toBe('alive');
  });
});
