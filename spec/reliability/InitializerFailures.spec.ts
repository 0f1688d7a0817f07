/**
 * Row 8: an initializer that throws, rejects or exits breaks the pool once, in either `onWorkerExit` mode: no respawn
 * loop; every pending future and every later submit fail with the pool's Broken* error.
 */
import type { PoolEvent } from '../../src/executors/pool/PoolStats';
import { modes, poolKinds, reliabilitySuite, sleep, WAIT_MS } from './harness';

const initializers: Array<[string, () => unknown]> = [
  [
    'throws',
    () => {
      throw new Error('init threw');
    },
  ],
  ['rejects', () => Promise.reject(new Error('init rejected'))],
  ['exits', () => process.exit(4)],
  ['exits after an await', async () => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.exit(5);
  }],
];

describe.each(poolKinds)('$name row 8: a failing initializer', (kind) => {
  const h = reliabilitySuite();

  describe.each(modes)("onWorkerExit '%s'", (mode) => {
    it.each(initializers)('that %s breaks the pool once, with no respawn loop', async (how, initializer) => {
      const pool = h.make(kind, { maxWorkers: 2, onWorkerExit: mode, initializer });
      const events: PoolEvent[] = [];
      pool.events.subscribe((event) => events.push(event));
      const futures = Array.from({ length: 6 }, (_, i) => pool.submit((n: number) => n, i));
      const errors = (await Promise.all(futures.map((future) => future.exception(WAIT_MS)))) as Error[];
      for (const error of errors) expect(error).toBeInstanceOf(kind.Broken);
      for (const error of errors) expect(error).not.toBeInstanceOf(kind.ExitError);
      expect(new Set(errors).size).toBe(errors.length);
      if (how === 'throws' || how === 'rejects') expect((errors[0].cause as Error).message).toBe(`init ${how === 'throws' ? 'threw' : 'rejected'}`);
      expect(() => pool.submit(() => 1)).toThrow(kind.Broken);
      const starts = events.filter((event) => event.type === 'workerStart').length;
      expect(starts).toBeLessThanOrEqual(2);
      await sleep(300);
      expect(events.filter((event) => event.type === 'workerStart')).toHaveLength(starts);
      expect(events.filter((event) => event.type === 'broken')).toHaveLength(1);
    });
  });
});
