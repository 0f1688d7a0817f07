/**
 * What the queue examples need around them: a Redis (REDIS_URL's, default redis://127.0.0.1:6379, or a redis-server
 * of their own on a free port if none answers), `rxfutures worker` processes, each standing for a machine, and the
 * clean-up (workers stopped, the queue's keys removed, the private server stopped).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built worker CLI (`npx rxfutures worker` in an installed package). */
const cli = join(__dirname, '../../src/queue/cli.js');

/** `true` if something accepts connections at host:port within a second. */
function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: 1000 }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A Redis to run a queue on, and how to stop it (a no-op for one that was running already). */
export interface LocalRedis {
  readonly url: string;
  stop(): void;
}

/** The Redis to use: REDIS_URL's if it answers, else a redis-server of our own without persistence. */
export async function localRedis(): Promise<LocalRedis> {
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  if (await answers(url.hostname, Number(url.port || 6379))) return { url: url.href, stop: () => undefined };
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rxf-example-redis-'));
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await answers('127.0.0.1', port)); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  console.log(`(started redis-server on port ${port})`);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => {
      server.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** How to start the workers of one queue. */
export interface WorkerSpec {
  readonly url: string;
  readonly queue: string;
  /** The built tasks module the workers run (its exports are the tasks). */
  readonly tasks: string;
  /** How many worker processes ("machines"). */
  readonly count: number;
  readonly pool: 'threads' | 'processes' | 'async';
  /** Tasks each worker runs at once. */
  readonly maxWorkers: number;
  /** RXFUTURES_SECRET of the workers (and of the executor that submits to them). */
  readonly secret: string;
}

/** Starts `rxfutures worker` processes named `machine-1`...; resolves once all take jobs. */
export function startWorkers({ url, queue, tasks, count, pool, maxWorkers, secret }: WorkerSpec): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) => {
      const args = [cli, 'worker', '--queue', queue, '--redis', url, '--tasks', tasks, '--pool', pool, '--max-workers', String(maxWorkers), '--name', `machine-${i + 1}`];
      const child = spawn(process.execPath, args, { env: { ...process.env, RXFUTURES_SECRET: secret }, stdio: ['ignore', 'ignore', 'pipe'] });
      return new Promise<ChildProcess>((resolve, reject) => {
        let said = '';
        child.stderr!.on('data', (chunk: Buffer) => {
          said += chunk;
          if (said.includes("queue '")) resolve(child);
        });
        child.once('exit', (code) => reject(new Error(`worker ${i + 1} exited with ${code}: ${said}`)));
      });
    }),
  );
}

/** Stops the workers gracefully (SIGTERM) and removes every key of the queue. */
export async function stopWorkers(workers: ChildProcess[], url: string, queue: string): Promise<void> {
  await Promise.all(
    workers.map(
      (child) =>
        new Promise((resolve) => {
          child.removeAllListeners('exit');
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
  const { Queue } = await import('bullmq');
  const cleanup = new Queue(queue, { connection: { url } });
  await cleanup.obliterate({ force: true });
  await cleanup.close();
}

/**
 * Runs `body` with a queue served by `count` workers on a local Redis, then cleans up, whatever `body` does.
 * The queue's name is fresh, and the workers and the executor share a fresh secret.
 */
export async function withLocalQueue<T>(
  spec: Omit<WorkerSpec, 'url' | 'queue' | 'secret'> & { readonly name: string },
  body: (queue: { url: string; queue: string; secret: string }) => Promise<T>,
): Promise<T> {
  const server = await localRedis();
  const queue = `rxfutures-${spec.name}-${randomBytes(4).toString('hex')}`;
  const secret = randomBytes(16).toString('hex');
  try {
    const workers = await startWorkers({ ...spec, url: server.url, queue, secret });
    try {
      return await body({ url: server.url, queue, secret });
    } finally {
      await stopWorkers(workers, server.url, queue);
    }
  } finally {
    server.stop();
  }
}
