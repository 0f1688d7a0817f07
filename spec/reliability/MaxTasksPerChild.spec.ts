/**
 * Row 9: `maxTasksPerChild` under a backlog (1 worker, limit 2, 8 tasks), with an immediate `shutdown()`, with
 * `shutdown({ wait: false })` after a failing task, and when the replacement worker cannot start: every future
 * settles within the suite's bounds.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bounded, modes, poolKinds, reliabilitySuite, SHUTDOWN_MS, until, WAIT_MS } from './harness';

const settleAll = (futures: Array<{ result(ms?: number): Promise<unknown> }>) =>
  Promise.all(futures.map((future) => future.result(WAIT_MS).then((value) => value, (error: Error) => error)));

describe.each(poolKinds)('$name row 9: maxTasksPerChild under backlog', (kind) => {
  const h = reliabilitySuite();

  it.each(modes)("1 worker, limit 2, 8 tasks: all run, in pairs per worker ('%s')", async (mode) => {
    const pool = h.make(kind, { maxWorkers: 1, maxTasksPerChild: 2, onWorkerExit: mode });
    const ids = await bounded(Promise.all(Array.from({ length: 8 }, () => pool.submit(kind.workerId))), WAIT_MS, '8 tasks');
    expect(ids.filter((id, i) => i % 2 === 1 && id === ids[i - 1])).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
  });

  it('with an immediate shutdown(): the 8 queued tasks still all finish, then shutdown resolves', async () => {
    for (let round = 0; round < 3; round++) {
      const pool = h.make(kind, { maxWorkers: 1, maxTasksPerChild: 2 });
      const futures = Array.from({ length: 8 }, (_, i) => pool.submit((n: number) => n * 10, i));
      await bounded(pool.shutdown(), SHUTDOWN_MS, 'shutdown');
      expect(futures.map((future) => future.state)).toEqual(Array(8).fill('FINISHED'));
      await expect(Promise.all(futures)).resolves.toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
    }
  });

  it('with shutdown({ wait: false }) after a failing task: every future settles, only the failing one fails', async () => {
    const pool = h.make(kind, { maxWorkers: 1, maxTasksPerChild: 2 });
    const futures = Array.from({ length: 8 }, (_, i) =>
      pool.submit((n: number) => {
        if (n === 2) throw new RangeError('task 2 fails');
        return n;
      }, i),
    );
    await futures[2].exception(WAIT_MS);
    await pool.shutdown({ wait: false });
    const outcomes = await bounded(settleAll(futures), WAIT_MS, 'all futures');
    expect(outcomes[2]).toBeInstanceOf(RangeError);
    expect(outcomes.filter((_, i) => i !== 2)).toEqual([0, 1, 3, 4, 5, 6, 7]);
  });

  it.each(modes)("when the replacement worker cannot start (it exits at start-up): every future settles ('%s')", async (mode) => {
    const marker = join(tmpdir(), `rxfutures-once-${process.pid}-${Date.now()}-${mode}`);
    const pool = h.make(kind, {
      maxWorkers: 1,
      maxTasksPerChild: 2,
      onWorkerExit: mode,
      // The first worker starts; every later one finds the marker and exits during start-up.
      initializer: (path: string) => {
        const fs = require('node:fs') as typeof import('node:fs');
        if (fs.existsSync(path)) process.exit(7);
        fs.writeFileSync(path, 'started');
      },
      initArgs: [marker],
    });
    try {
      const futures = Array.from({ length: 8 }, (_, i) => pool.submit((n: number) => n, i));
      const outcomes = await bounded(settleAll(futures), WAIT_MS, 'all futures');
      expect(outcomes.slice(0, 2)).toEqual([0, 1]);
      for (const outcome of outcomes.slice(2)) expect(outcome).toBeInstanceOf(kind.Broken);
      await until(() => pool.isBroken, 'the pool is broken');
      expect(() => pool.submit(() => 1)).toThrow(kind.Broken);
    } finally {
      require('node:fs').rmSync(marker, { force: true });
    }
  });
});
