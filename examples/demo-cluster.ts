/**
 * The cluster demo (`npm run demo:cluster`): the demo's prime batch, serially and then over a queue in Redis with
 * three worker processes (each standing for a machine, started with `rxfutures worker`), with the same progress
 * bars and summary table. Uses the Redis at REDIS_URL (default redis://127.0.0.1:6379), or starts a redis-server of
 * its own on a free port if none answers. The task is a named task: the export `countPrimes` of the workers'
 * tasks module.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { from, lastValueFrom, tap, toArray } from 'rxjs';
import { mapOrdered } from '../operators';
import { QueueExecutor, namedTask } from '../src/queue';
import { printTable, progressBar, RANGE_SIZE, RANGES, ranges, serial, type Run } from './support/primeBatch';
import { runMain } from './support/runMain';
import type * as tasks from './tasks/primes';

// expect-re: ^Counting the primes below [\d,]+ in 40 ranges, over a queue with 3 workers$
// expect-re: ^serial \(main thread\) +1 +[\d.]+ s +1\.00x$
// expect-re: ^QueueExecutor +3 +[\d.]+ s +[\d.]+x$
// expect-re: ^Both runs found [\d,]+ primes\.$

const WORKERS = 3;
const cli = join(__dirname, '../src/queue/cli.js');
const tasksModule = join(__dirname, 'tasks/primes.js');

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

/** The Redis to use: REDIS_URL's if it answers, else a redis-server of our own (stopped by `stop`). */
async function redis(): Promise<{ url: string; stop: () => void }> {
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  if (await answers(url.hostname, Number(url.port || 6379))) return { url: url.href, stop: () => undefined };
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rxf-demo-redis-'));
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

/** Starts `rxfutures worker` processes with a pool of one thread each; resolves once all take jobs. */
async function startWorkers(url: string, queue: string, secret: string): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from({ length: WORKERS }, (_, i) => {
      const args = [cli, 'worker', '--queue', queue, '--redis', url, '--tasks', tasksModule, '--pool', 'threads', '--max-workers', '1', '--name', `machine-${i + 1}`];
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

async function overQueue(url: string, queue: string, secret: string): Promise<Run> {
  const bar = progressBar('QueueExecutor');
  const start = performance.now();
  await using ex = new QueueExecutor({ queue, connection: url, secret });
  const counts = await lastValueFrom(
    from(ranges).pipe(
      mapOrdered(ex, namedTask<typeof tasks.countPrimes>('countPrimes')),
      tap(() => bar.increment()),
      toArray(),
    ),
  );
  bar.stop();
  return { label: 'QueueExecutor', workers: WORKERS, ms: performance.now() - start, primes: counts.reduce((a, b) => a + b, 0) };
}

runMain(async () => {
  console.log(`Counting the primes below ${(RANGES * RANGE_SIZE).toLocaleString('en-US')} in ${RANGES} ranges, over a queue with ${WORKERS} workers`);
  const server = await redis();
  const queue = `rxfutures-demo-${randomBytes(4).toString('hex')}`;
  const secret = randomBytes(16).toString('hex');
  const workers = await startWorkers(server.url, queue, secret);
  try {
    const runs = [await serial(), await overQueue(server.url, queue, secret)];
    printTable(runs);
    if (runs[0]!.primes !== runs[1]!.primes) throw new Error(`the runs disagree: ${runs[0]!.primes} vs ${runs[1]!.primes} primes`);
    console.log(`\nBoth runs found ${runs[0]!.primes.toLocaleString('en-US')} primes.`);
  } finally {
    await Promise.all(workers.map((child) => new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    })));
    const { Queue } = await import('bullmq');
    const cleanup = new Queue(queue, { connection: { url: server.url } });
    await cleanup.obliterate({ force: true });
    await cleanup.close();
    server.stop();
  }
});
