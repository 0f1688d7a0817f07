// tinypool (vitest's fork of piscina), over worker threads or child processes.
import { join } from 'node:path';
import { packageVersion, workersDir } from './paths.mjs';

/** A tinypool adapter for one runtime: `'worker_threads'` or `'child_process'`. */
export function tinypoolAdapter({ id, runtime }) {
  const kind = runtime === 'child_process' ? 'process' : 'thread';
  return {
    id,
    label: `tinypool ${packageVersion('tinypool')}${kind === 'process' ? ' (child_process)' : ''}`,
    kind,
    async open({ workers }) {
      const { Tinypool } = await import('tinypool');
      const pool = new Tinypool({
        filename: join(workersDir, 'piscina-worker.mjs'),
        minThreads: workers,
        maxThreads: workers,
        idleTimeout: 60_000,
        runtime,
      });
      return {
        call: (op, arg, options) => pool.run(arg, { name: op, transferList: options?.transfer ? [arg] : undefined }),
        close: () => pool.destroy(),
      };
    },
  };
}
