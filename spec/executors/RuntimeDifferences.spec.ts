/**
 * Issue 17: where Bun or Deno lack something Node has, rxfutures says so rather than failing inside the library.
 * These run under Node with the runtime's global faked; the runtimes themselves are exercised by
 * scripts/runtime-smoke.mjs and the examples under Bun and Deno in CI.
 */
import { runtimeName } from '../../src/internal/runtimeName';

describe('runtime differences', () => {
  const global = globalThis as { Bun?: unknown; Deno?: unknown };
  afterEach(() => {
    delete global.Bun;
    delete global.Deno;
    jest.resetModules();
  });

  it('runtimeName tells Node, Bun and Deno apart', () => {
    expect(runtimeName()).toBe('node');
    global.Bun = {};
    expect(runtimeName()).toBe('bun');
    delete global.Bun;
    global.Deno = {};
    expect(runtimeName()).toBe('deno');
  });

  it.each(['Bun', 'Deno'] as const)('resourceLimits on %s: one warning that they are not enforced, and the pool works', async (name) => {
    global[name] = {};
    const { ThreadPoolExecutor } = require('../../src/executors/ThreadPoolExecutor') as typeof import('../../src/executors/ThreadPoolExecutor');
    const emit = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const limits = { maxOldGenerationSizeMb: 64 };
      const first = new ThreadPoolExecutor({ maxWorkers: 1, resourceLimits: limits });
      const second = new ThreadPoolExecutor({ maxWorkers: 1, resourceLimits: limits });
      await expect(first.submit((n: number) => n + 1, 1).result(30_000)).resolves.toBe(2);
      await Promise.all([first.shutdown(), second.shutdown()]);
      const ours = emit.mock.calls.filter(([, options]) => (options as { code?: string })?.code === 'RXFUTURES_RESOURCE_LIMITS_IGNORED');
      expect(ours).toHaveLength(1);
      expect(String(ours[0]![0])).toContain(`${name} does not enforce resourceLimits`);
    } finally {
      emit.mockRestore();
    }
  }, 60_000);

  it('resourceLimits on Node: no warning', async () => {
    const { ThreadPoolExecutor } = require('../../src/executors/ThreadPoolExecutor') as typeof import('../../src/executors/ThreadPoolExecutor');
    const emit = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const pool = new ThreadPoolExecutor({ maxWorkers: 1, resourceLimits: { maxOldGenerationSizeMb: 64 } });
      await pool.shutdown();
      expect(emit.mock.calls.filter(([, options]) => (options as { code?: string })?.code === 'RXFUTURES_RESOURCE_LIMITS_IGNORED')).toHaveLength(0);
    } finally {
      emit.mockRestore();
    }
  });
});
