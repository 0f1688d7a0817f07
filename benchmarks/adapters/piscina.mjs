// piscina: worker_threads pool; one `run` per task, the task picked by export name.
import { join } from 'node:path';
import { packageVersion, workersDir } from '../lib/paths.mjs';

export default {
  id: 'piscina',
  label: `piscina ${packageVersion('piscina')}`,
  kind: 'thread',
  async open({ workers }) {
    const { Piscina } = await import('piscina');
    const pool = new Piscina({
      filename: join(workersDir, 'piscina-worker.mjs'),
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: 60_000,
    });
    return {
      call: (op, arg, options) => pool.run(arg, { name: op, transferList: options?.transfer ? [arg] : undefined }),
      close: () => pool.destroy(),
    };
  },
};
