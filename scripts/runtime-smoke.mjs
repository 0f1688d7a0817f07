// The runtime smoke (issue 17): packs rxfutures, installs the tarball into a fresh temporary app (with rxjs,
// fast-check, threads, bullmq and ioredis at the versions this repository locks), and runs the programs of
// scripts/runtime-smoke/ from that app under Node, Bun and Deno (Bun and Deno from this repository's node_modules).
// A program passes if it exits by itself with code 0 within the time limit and prints its "... done" line.
// Usage: node scripts/runtime-smoke.mjs [node] [bun] [deno]   (default: all three; run `npm run build` first)
//   env: REDIS_URL for the queue program (default redis://127.0.0.1:6379). Without a reachable Redis the queue
//        program is skipped with a line saying so, except under CI=true, where that is a failure.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const programs = join(root, 'scripts/runtime-smoke');
const timeLimitMs = 120_000;
const runtimes = {
  node: [process.execPath],
  bun: [join(root, 'node_modules/.bin/bun')],
  deno: [join(root, 'node_modules/.bin/deno'), 'run', '-A'],
};
const wanted = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(runtimes);
for (const name of wanted) {
  if (!(name in runtimes)) {
    console.error(`unknown runtime ${JSON.stringify(name)}: choose among ${Object.keys(runtimes).join(', ')}`);
    process.exit(2);
  }
  if (!existsSync(runtimes[name][0])) {
    console.error(`${name} is not installed in node_modules: run \`npm ci\` first`);
    process.exit(2);
  }
}
if (!existsSync(join(root, 'dist/cjs/src/index.js'))) {
  console.error('no build in dist/: run `npm run build` first');
  process.exit(2);
}

/** The version this repository has installed of a dependency, so the app gets what the tests ran with. */
const versionOf = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

/** `true` if something answers on the Redis URL's host and port. */
function redisReachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('connect', () => (socket.end(), resolve(true)));
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(false));
  });
}

function run(command, args, cwd) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeLimitMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output, ms: Math.round(performance.now() - started) });
    });
  });
}

const app = mkdtempSync(join(tmpdir(), 'rxf-runtime-smoke-'));
let failed = 0;
try {
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', app], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'rxf-runtime-smoke', private: true }, null, 2));
  const peers = ['rxjs', 'fast-check', 'threads', 'bullmq', 'ioredis'].map((name) => `${name}@${versionOf(name)}`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', `./${packed}`, ...peers], { cwd: app, stdio: 'inherit' });
  for (const file of readdirSync(programs)) copyFileSync(join(programs, file), join(app, file));
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const withQueue = await redisReachable(redisUrl);
  if (!withQueue) {
    const line = `no Redis answers at ${redisUrl}: the queue program cannot run`;
    if (process.env.CI === 'true') {
      console.log(`FAIL ${line} (CI=true)`);
      failed++;
    } else console.log(`skip ${line}`);
  }
  const files = ['smoke.mjs', 'testing-smoke.mjs', 'threadsjs-smoke.mjs', ...(withQueue ? ['queue-smoke.mjs'] : [])];
  for (const name of wanted) {
    const [command, ...pre] = runtimes[name];
    for (const file of files) {
      const result = await run(command, [...pre, file], app);
      const done = /^[a-z ]*smoke done$/m.test(result.output);
      const problem = result.signal
        ? `killed by ${result.signal} after ${result.ms} ms (time limit ${timeLimitMs} ms: it did not exit by itself)`
        : result.code !== 0
          ? `exit code ${result.code}`
          : !done
            ? 'no "smoke done" line'
            : undefined;
      console.log(`${problem ? 'FAIL' : 'ok  '} ${name} ${file} (${result.ms} ms)${problem ? `: ${problem}` : ''}`);
      if (problem) {
        failed++;
        console.log(`---- output\n${result.output}----`);
      }
    }
  }
} finally {
  rmSync(app, { recursive: true, force: true });
}
console.log(failed === 0 ? `runtime smoke passed under ${wanted.join(', ')}` : `runtime smoke: ${failed} failure(s)`);
process.exitCode = failed === 0 ? 0 : 1;
