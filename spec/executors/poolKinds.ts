import { BrokenProcessPool } from '../../src/errors/BrokenProcessPool';
import { BrokenThreadPool } from '../../src/errors/BrokenThreadPool';
import { ProcessWorkerExitError } from '../../src/errors/ProcessWorkerExitError';
import { ThreadWorkerExitError } from '../../src/errors/ThreadWorkerExitError';
import type { PoolExecutor, PoolOptions } from '../../src/executors/pool/PoolExecutor';
import { ProcessPoolExecutor } from '../../src/executors/ProcessPoolExecutor';
import { ThreadPoolExecutor } from '../../src/executors/ThreadPoolExecutor';

/** The two pool kinds, for `describe.each`: every rule that holds for both is tested on both. */
export const poolKinds = [
  {
    name: 'ThreadPoolExecutor',
    create: (options?: PoolOptions) => new ThreadPoolExecutor(options),
    Broken: BrokenThreadPool as typeof BrokenThreadPool | typeof BrokenProcessPool,
    ExitError: ThreadWorkerExitError as typeof ThreadWorkerExitError | typeof ProcessWorkerExitError,
    /** An id that differs between workers. */
    workerId: () => require('node:worker_threads').threadId as number,
  },
  {
    name: 'ProcessPoolExecutor',
    create: (options?: PoolOptions) => new ProcessPoolExecutor(options),
    Broken: BrokenProcessPool as typeof BrokenThreadPool | typeof BrokenProcessPool,
    ExitError: ProcessWorkerExitError as typeof ThreadWorkerExitError | typeof ProcessWorkerExitError,
    workerId: () => process.pid,
  },
];

export type PoolKind = (typeof poolKinds)[number];

/** Tracks pools made in a test so `afterEach` can shut them all down. */
export function poolTracker(): { make(kind: PoolKind, options?: PoolOptions): PoolExecutor; cleanup(): Promise<void> } {
  const pools: PoolExecutor[] = [];
  return {
    make(kind, options) {
      const pool = kind.create(options);
      pools.push(pool);
      return pool;
    },
    async cleanup() {
      await Promise.all(pools.splice(0).map((pool) => pool.shutdown({ cancelFutures: true, timeout: 2000 })));
    },
  };
}
