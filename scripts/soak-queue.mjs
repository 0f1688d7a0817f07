// Queue soak (issue 14): 200,000 tasks through a QueueExecutor on a private redis-server, with `rxfutures worker`
// processes SIGKILLed mid-run and respawned, then checks that no future is pending, that every future settled exactly
// once with the right value, and that Redis' memory (INFO memory used_memory) is back near where it started.
// Exits 1 if a check fails. Not part of `npm test`: it takes minutes.
// Usage: npm run soak:queue      env: SOAK_TASKS (default 200000), SOAK_WORKERS (3), SOAK_KILL_MS (every how many ms
//        a worker is killed, default 5000), SOAK_MEMORY_MB (allowed growth, default 4)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { QueueExecutor, namedTask } = require('../dist/cjs/src/queue/index.js');
const IORedis = require('ioredis');

const TASKS = Number(process.env.SOAK_TASKS ?? 200_000);
const WORKERS = Number(process.env.SOAK_WORKERS ?? 3);
const KILL_MS = Number(process.env.SOAK_KILL_MS ?? 5000);
const MEMORY_MB = Number(process.env.SOAK_MEMORY_MB ?? 4);
const LOST_WORKER_MS = 2000;
const MB = 1024 * 1024;
const cli = join(root, 'dist/cjs/src/queue/cli.js');
const tasksModule = join(root, 'benchmarks/workers/tasks.cjs'); // `double(x)` returns x * 2
const queue = 'soak';

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rxf-soak-redis-'));
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  const admin = new IORedis(url, { maxRetriesPerRequest: null, retryStrategy: () => 50 });
  admin.on('error', () => undefined); // refused until the server listens; the ping below waits for it
  await admin.ping();
  return {
    url,
    admin,
    stop() {
      admin.disconnect();
      server.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function usedMemory(admin) {
  const info = await admin.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)[1]);
}

/** Starts one worker process; resolves once it takes jobs. */
function startWorker(url, index) {
  const args = [cli, 'worker', '--queue', queue, '--redis', url, '--tasks', tasksModule, '--pool', 'async', '--max-workers', '32',
    '--lost-worker-timeout', String(LOST_WORKER_MS), '--max-stalled-count', '100', '--name', `soak-${index}`];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let said = '';
    const onData = (chunk) => {
      said += chunk;
      if (said.includes("queue '")) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`worker soak-${index} exited (${code ?? signal}) before it started: ${said}`)));
  });
}

function stopWorker(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', resolve);
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

const problems = [];
const redis = await startRedis();
const before = await usedMemory(redis.admin);
let spawned = 0;
const workers = await Promise.all(Array.from({ length: WORKERS }, () => startWorker(redis.url, ++spawned)));
let kills = 0;
const killer = setInterval(() => {
  const slot = kills % workers.length;
  const victim = workers[slot];
  kills++;
  victim.removeAllListeners('exit');
  victim.kill('SIGKILL');
  startWorker(redis.url, ++spawned).then(
    (child) => (workers[slot] = child),
    (error) => problems.push(`respawn failed: ${error.message}`),
  );
}, KILL_MS);

const started = performance.now();
const executor = new QueueExecutor({ queue, connection: redis.url });
const double = namedTask('double');
const settledTimes = new Uint8Array(TASKS);
const futures = new Array(TASKS);
let settled = 0;
for (let i = 0; i < TASKS; i++) {
  const future = executor.submit(double, i);
  future.addDoneCallback(() => {
    settledTimes[i]++;
    settled++;
  });
  futures[i] = future;
}
const progress = setInterval(() => {
  const s = ((performance.now() - started) / 1000).toFixed(0);
  console.log(`${s} s: ${settled.toLocaleString('en')} of ${TASKS.toLocaleString('en')} settled, ${kills} workers killed`);
}, 10_000);
const outcomes = await Promise.allSettled(futures.map((future) => future.result(600_000)));
const elapsed = (performance.now() - started) / 1000;
clearInterval(progress);
clearInterval(killer);

let wrong = 0;
let failed = 0;
outcomes.forEach((outcome, i) => {
  if (outcome.status === 'rejected') {
    if (failed++ < 5) problems.push(`task ${i} failed: ${outcome.reason?.name}: ${outcome.reason?.message}`);
  } else if (outcome.value !== i * 2) {
    if (wrong++ < 5) problems.push(`task ${i} returned ${outcome.value}, not ${i * 2}`);
  }
});
const pending = futures.filter((future) => !future.done()).length;
const notOnce = settledTimes.reduce((count, times) => count + (times === 1 ? 0 : 1), 0);
if (failed > 0) problems.push(`${failed} tasks failed`);
if (wrong > 0) problems.push(`${wrong} tasks returned a wrong value`);
if (pending > 0) problems.push(`${pending} futures still pending`);
if (notOnce > 0) problems.push(`${notOnce} futures were not settled exactly once`);

await executor.shutdown();
await Promise.all(workers.map(stopWorker));
// Stalled-job checks and the executor's last removals are done; let Redis settle its lazy frees.
await new Promise((resolve) => setTimeout(resolve, 1000));
const after = await usedMemory(redis.admin);
const keys = await redis.admin.dbsize();
const completed = await redis.admin.zcard(`bull:${queue}:completed`);
const failedSet = await redis.admin.zcard(`bull:${queue}:failed`);
const stream = await redis.admin.xlen(`bull:${queue}:events`);
const growth = (after - before) / MB;
if (growth > MEMORY_MB) problems.push(`Redis used_memory grew by ${growth.toFixed(2)} MB (allowed ${MEMORY_MB} MB)`);
if (completed + failedSet > 0) problems.push(`${completed} completed and ${failedSet} failed jobs left in Redis`);

console.log(`tasks: ${TASKS.toLocaleString('en')} in ${elapsed.toFixed(1)} s (${((elapsed * 1e6) / TASKS).toFixed(0)} us/task), ${WORKERS} workers, ${kills} SIGKILLed and respawned`);
console.log(`futures: ${pending} pending, ${notOnce} not settled exactly once, ${failed} failed, ${wrong} wrong values`);
console.log(
  `Redis used_memory: ${(before / MB).toFixed(2)} MB before, ${(after / MB).toFixed(2)} MB after (${growth >= 0 ? '+' : ''}${growth.toFixed(2)} MB); ` +
    `${keys} keys left (events stream ${stream} entries, ${completed} completed, ${failedSet} failed)`,
);
redis.stop();
if (problems.length > 0) {
  console.log(`FAILED:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('soak passed');
process.exit(0);
