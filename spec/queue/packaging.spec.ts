/**
 * bullmq and ioredis are optional peer dependencies: only the `rxfutures/queue` entry loads them. Runs the built
 * package (dist/, built by `npm test`) in a fresh Node process.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const runNode = (args: string[]) => execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 20_000 }).trim();

describe('rxfutures/queue packaging', () => {
  const loadedScript = (body: string) => `
      ${body}
      const loaded = Object.keys(require.cache)
        .filter((p) => /node_modules[\\\\/](bullmq|ioredis)[\\\\/]|[\\\\/]src[\\\\/]queue[\\\\/]/.test(p))
        .map((p) => (p.includes('bullmq') ? 'bullmq' : p.includes('ioredis') ? 'ioredis' : 'queue'));
      console.log(JSON.stringify([...new Set(loaded)].sort()));`;

  it('require("rxfutures") and its other entries load neither bullmq nor ioredis (nor the queue code)', () => {
    const script = loadedScript(`require('rxfutures'); require('rxfutures/operators'); require('rxfutures/testing');`);
    expect(JSON.parse(runNode(['-e', script]))).toEqual([]);
    // The check sees them when they are loaded: a QueueExecutor (here to a closed port) loads both.
    const control = loadedScript(`
      const { QueueExecutor } = require('rxfutures/queue');
      void new QueueExecutor({ queue: 'q', connection: 'redis://127.0.0.1:1', connectionTimeout: 50 }).shutdown();`);
    expect(JSON.parse(runNode(['-e', control]))).toEqual(['bullmq', 'ioredis', 'queue']);
  });

  it('rxfutures/queue loads them, for import and require alike, sharing the error classes with the main entry', () => {
    const script = `
      import { QueueExecutor, namedTask, runWorker, TaskRefusedError, QueueConnectionError } from 'rxfutures/queue';
      import { TaskRefusedError as Main, BrokenExecutor } from 'rxfutures';
      import { createRequire } from 'node:module';
      const cjs = createRequire(import.meta.url)('rxfutures/queue');
      console.log(JSON.stringify({
        kinds: [typeof QueueExecutor, typeof namedTask, typeof runWorker],
        same: TaskRefusedError === Main && cjs.QueueExecutor === QueueExecutor,
        broken: new QueueConnectionError('x') instanceof BrokenExecutor,
      }));`;
    expect(JSON.parse(runNode(['--input-type=module', '-e', script]))).toEqual({
      kinds: ['function', 'function', 'function'],
      same: true,
      broken: true,
    });
  });
});
