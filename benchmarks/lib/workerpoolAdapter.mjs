// workerpool, over worker threads or child processes: `exec(name, [arg])` per task.
import { join } from 'node:path';
import { packageVersion, workersDir } from './paths.mjs';

/** A workerpool adapter for one worker type: `'thread'` or `'process'`. */
export function workerpoolAdapter({ id, workerType }) {
  return {
    id,
    label: `workerpool ${packageVersion('workerpool')}${workerType === 'process' ? ' (process)' : ''}`,
    kind: workerType,
    async open({ workers }) {
      const { default: workerpool } = await import('workerpool');
      const pool = workerpool.pool(join(workersDir, 'workerpool-worker.cjs'), {
        minWorkers: workers,
        maxWorkers: workers,
        workerType,
      });
      return {
        call: (op, arg, options) => pool.exec(op, [arg], options?.transfer ? { transfer: [arg] } : undefined),
        close: () => pool.terminate(),
      };
    },
  };
}
