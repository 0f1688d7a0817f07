// poolifier, over worker threads (FixedThreadPool) or cluster processes (FixedClusterPool): `execute(arg, name)` per
// task, the task picked by name from the worker's task map.
import { once } from 'node:events';
import { join } from 'node:path';
import { packageVersion, workersDir } from './paths.mjs';

/** A poolifier adapter for one pool class: `'FixedThreadPool'` or `'FixedClusterPool'`. */
export function poolifierAdapter({ id, poolClass }) {
  const kind = poolClass === 'FixedClusterPool' ? 'process' : 'thread';
  return {
    id,
    label: `poolifier ${packageVersion('poolifier')} ${poolClass}`,
    kind,
    async open({ workers }) {
      const poolifier = await import('poolifier');
      const file = join(workersDir, kind === 'process' ? 'poolifier-cluster-worker.cjs' : 'poolifier-thread-worker.mjs');
      // Cluster workers speak Node's default JSON IPC unless told otherwise; structured clone is what rxfutures'
      // process pool and the raw fork floor use (and the only way an ArrayBuffer arrives as one).
      const options = kind === 'process' ? { settings: { serialization: 'advanced' } } : {};
      const pool = new poolifier[poolClass](workers, file, options);
      if (!pool.info.ready) await once(pool.emitter, 'ready');
      return {
        call: (op, arg, callOptions) =>
          callOptions?.transfer ? pool.execute(arg, op, undefined, [arg]) : pool.execute(arg, op),
        close: () => pool.destroy(),
      };
    },
  };
}
