// Worker processes for the queue rows (rxfutures-queue, raw-bullmq), the queue names they use, and the clean-up.
// Both systems get the same Redis (REDIS_URL, default redis://127.0.0.1:6379) and the same number of worker
// processes, each running its jobs on its own event loop with up to QUEUE_CONCURRENCY at once.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import { currentRuntimeCommand } from './runtime.mjs';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Jobs each worker process runs at once (the raw BullMQ anchor used 50-100). */
export const QUEUE_CONCURRENCY = 64;

/** A fresh queue name for one measurement process. */
export const benchQueueName = (tag) => `rxf-bench-${tag}-${randomBytes(4).toString('hex')}`;

/** Why the queue rows cannot run (no Redis answers), or undefined. */
export function redisUnavailable() {
  const url = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const socket = createConnection({ host: url.hostname, port: Number(url.port || 6379), timeout: 1000 }, () => {
      socket.destroy();
      resolve(undefined);
    });
    const no = () => resolve(`no Redis answers at ${url.host} (set REDIS_URL)`);
    socket.on('error', no);
    socket.on('timeout', no);
  });
}

/**
 * Node flags for the worker processes, from `QUEUE_WORKER_FLAGS` (space-separated): flags NODE_OPTIONS refuses, such
 * as `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the workers of a run.
 */
const WORKER_FLAGS = (process.env.QUEUE_WORKER_FLAGS ?? '').split(' ').filter(Boolean);

/** Starts `count` processes of `args` (node arguments) and resolves once each printed `ready` on stdout or stderr. */
export async function startProcesses(count, args, env = {}) {
  return Promise.all(
    Array.from({ length: count }, () => {
      const [runtime, ...pre] = currentRuntimeCommand();
      const child = spawn(runtime, [...pre, ...WORKER_FLAGS, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      return new Promise((resolve, reject) => {
        let said = '';
        const onData = (chunk) => {
          said += chunk;
          if (/ready|queue '/.test(said)) resolve(child);
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', (code) => reject(new Error(`a queue worker exited with ${code}: ${said}`)));
      });
    }),
  );
}

/** Stops the worker processes (SIGTERM, then SIGKILL) and removes every key of the queue. */
export async function stopAndClean(children, queue) {
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          child.removeAllListeners('exit');
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        }),
    ),
  );
  const { Queue } = await import('bullmq');
  const cleanup = new Queue(queue, { connection: { url: REDIS_URL } });
  await cleanup.obliterate({ force: true }).catch(() => undefined);
  await cleanup.close();
}
