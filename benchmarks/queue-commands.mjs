// Redis commands per job of the queue rows: opens a queue system's adapter (its worker processes started), runs one
// warm-up, resets Redis's command statistics, runs the op once, and prints the commands Redis executed per job,
// with the microseconds Redis spent on them. Commands run inside Lua scripts are counted too (as Redis counts them),
// so `evalsha` alone says how many scripts ran. Point it at a Redis nobody else uses, since the statistics are the
// server's: `REDIS_URL=redis://127.0.0.1:6391 node benchmarks/queue-commands.mjs rxfutures-queue bulk 2000`.
import { readdirSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';

const [system = 'rxfutures-queue', op = 'bulk', sizeText = '2000', chunksize = '256'] = process.argv.slice(2);
const size = Number(sizeText);
const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

/** Sends one inline command and resolves with the whole reply text (enough for INFO and CONFIG). */
function redis(command) {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: url.hostname, port: Number(url.port || 6379) });
    let reply = '';
    socket.on('data', (chunk) => {
      reply += chunk;
      const header = /^\$(\d+)\r\n/.exec(reply);
      if (reply.startsWith('+') || reply.startsWith('-') || (header && reply.length >= header[0].length + Number(header[1]) + 2)) {
        socket.end();
        resolve(reply);
      }
    });
    socket.on('error', reject);
    socket.write(`${command}\r\n`);
  });
}

/** `cmdstat_<name>:calls=N,usec=N,...` lines as { name: { calls, usec } }. */
async function commandStats() {
  const stats = {};
  for (const [, name, calls, usec] of (await redis('INFO commandstats')).matchAll(/cmdstat_(\S+?):calls=(\d+),usec=(\d+)/g)) {
    stats[name] = { calls: Number(calls), usec: Number(usec) };
  }
  return stats;
}

/** CPU seconds (user + system) Redis has used, from INFO cpu. */
async function redisCpu() {
  const info = await redis('INFO cpu');
  return Number(/used_cpu_sys:([\d.]+)/.exec(info)[1]) + Number(/used_cpu_user:([\d.]+)/.exec(info)[1]);
}

/** CPU seconds used by this process's child processes (the queue workers), from /proc. */
function workersCpu() {
  let total = 0;
  for (const task of readdirSync(`/proc/${process.pid}/task`)) {
    for (const pid of readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean)) {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
    }
  }
  return total;
}

const { default: adapter } = await import(`./adapters/${system}.mjs`);
const session = await adapter.open({ workers: 2 });
const run = session[op]
  ? (n) => session[op](n, { chunksize: Number(chunksize) })
  : async (n) => {
      for (let i = 0; i < n; i++) await session.call('double', i);
    };
await run(Math.max(1, Math.floor(size / 10)));
await new Promise((resolve) => setTimeout(resolve, 200)); // let the warm-up's deferred removals go
await redis('CONFIG RESETSTAT');
const cpuBefore = { redis: await redisCpu(), workers: workersCpu(), client: process.cpuUsage() };
const start = performance.now();
await run(size);
const ms = performance.now() - start;
const clientCpu = process.cpuUsage(cpuBefore.client);
const cpu = {
  client: (clientCpu.user + clientCpu.system) / 1e6,
  workers: workersCpu() - cpuBefore.workers,
  redis: (await redisCpu()) - cpuBefore.redis,
};
await new Promise((resolve) => setTimeout(resolve, 200));
const stats = await commandStats();
const jobs = op === 'map' ? Math.ceil(size / Number(chunksize)) : size;
const rows = Object.entries(stats)
  .filter(([name]) => name !== 'info' && name !== 'config|resetstat')
  .sort((a, b) => b[1].usec - a[1].usec);
let calls = 0;
let usec = 0;
console.log(`${system} ${op} ${size} (${jobs} jobs): ${((ms * 1000) / size).toFixed(1)} us per item`);
const perJob = (seconds) => `${((seconds * 1e6) / jobs).toFixed(0)} us`;
console.log(`  CPU per job: client ${perJob(cpu.client)}, workers ${perJob(cpu.workers)}, Redis ${perJob(cpu.redis)}`);
for (const [name, stat] of rows) {
  calls += stat.calls;
  usec += stat.usec;
  console.log(`  ${name.padEnd(24)} ${(stat.calls / jobs).toFixed(2).padStart(8)} calls/job ${(stat.usec / jobs).toFixed(1).padStart(8)} us/job`);
}
console.log(`  ${'total'.padEnd(24)} ${(calls / jobs).toFixed(2).padStart(8)} calls/job ${(usec / jobs).toFixed(1).padStart(8)} us/job (Redis CPU)`);
await Promise.race([session.close(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
process.exit(0);
