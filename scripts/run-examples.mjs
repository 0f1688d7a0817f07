// Runs every built example (dist/cjs/examples/*.js) with shortened sleeps and checks its output against the
// `// expect...` lines in its source (examples/<name>.ts):
//   // expect: text       a line containing `text`, after the line matched by the previous `expect:`/`expect-re:`
//   // expect-re: regex   the same, as a regular expression
//   // expect-any: text   a line containing `text`, anywhere in the output (for lines whose order varies by design)
// An example fails if it exits non-zero, writes to stderr (warnings included), runs past its time limit, or misses
// an expected line. The examples tell their stories with real (shortened) sleeps, so on a loaded machine a stall can
// change a timing-dependent line (a `map` timeout counts from the call, and a stall before the tasks start eats into
// it); a failed example therefore runs again, up to RXF_EXAMPLE_RETRIES more times, and the report says so. Exits 1
// if any example fails every run.
// Usage: node scripts/run-examples.mjs [name...]
//   env: RXF_EXAMPLE_RUNTIME=node|bun|deno (the runtime that runs each example; bun and deno from node_modules/.bin),
//        RXF_EXAMPLE_SPEED (default 20), RXF_EXAMPLE_JOBS (parallel runs, default 2), RXF_EXAMPLE_RETRIES (default 2),
//        RXF_EXAMPLE_DIRS=<built dir>:<source dir> to run other programs (the runner's own tests use it)
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [builtDir, sourceDir] = (process.env.RXF_EXAMPLE_DIRS ?? 'dist/cjs/examples:examples')
  .split(':')
  .map((dir) => resolve(root, dir));
const speed = process.env.RXF_EXAMPLE_SPEED ?? '20';
const jobs = Number(process.env.RXF_EXAMPLE_JOBS ?? '2');
const retries = Number(process.env.RXF_EXAMPLE_RETRIES ?? '2');
const timeLimitMs = 30_000;
const runtime = process.env.RXF_EXAMPLE_RUNTIME ?? 'node';
/** The command that runs one built example under the chosen runtime. */
const commandFor = {
  node: (file) => [process.execPath, [file]],
  bun: (file) => [join(root, 'node_modules/.bin/bun'), [file]],
  deno: (file) => [join(root, 'node_modules/.bin/deno'), ['run', '-A', file]],
}[runtime];
if (commandFor === undefined) {
  console.error(`RXF_EXAMPLE_RUNTIME must be node, bun or deno; received ${JSON.stringify(runtime)}`);
  process.exit(2);
}

if (!existsSync(builtDir)) {
  console.error(`no built examples in ${builtDir}: run \`npm run build\` first`);
  process.exit(1);
}
const wanted = process.argv.slice(2);
const names = readdirSync(builtDir)
  .filter((file) => file.endsWith('.js'))
  .map((file) => file.slice(0, -3))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();
if (names.length === 0) {
  console.error(`no example matched ${wanted.join(' ')}`);
  process.exit(1);
}

/** The expectations an example declares in its source. */
function expectations(name) {
  const file = [`${name}.ts`, `${name}.js`].map((f) => join(sourceDir, f)).find((f) => existsSync(f));
  const source = file === undefined ? '' : readFileSync(file, 'utf8');
  const found = [];
  for (const [, kind, text] of source.matchAll(/^\/\/ (expect|expect-re|expect-any): (.*)$/gm)) {
    found.push({ kind, text: text.trimEnd() });
  }
  return found;
}

/** The first unmet expectation, or undefined. */
function check(lines, expected) {
  let from = 0;
  for (const { kind, text } of expected) {
    if (kind === 'expect-any') {
      if (!lines.some((line) => line.includes(text))) return `a line containing ${JSON.stringify(text)}`;
      continue;
    }
    const pattern = kind === 'expect-re' ? new RegExp(text) : undefined;
    const index = lines.findIndex((line, i) => i >= from && (pattern ? pattern.test(line) : line.includes(text)));
    if (index < 0) return `${pattern ? 'a line matching' : 'a line containing'} ${JSON.stringify(text)} (in order)`;
    from = index + 1;
  }
  return undefined;
}

function run(name) {
  return new Promise((resolve) => {
    const started = performance.now();
    const [command, args] = commandFor(join(builtDir, `${name}.js`));
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, RXF_EXAMPLE_SPEED: speed },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeLimitMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = Math.round(performance.now() - started);
      const expected = expectations(name);
      let problem;
      if (signal) problem = `killed by ${signal} after ${ms} ms (time limit ${timeLimitMs} ms)`;
      else if (code !== 0) problem = `exit code ${code}`;
      else if (stderr.trim() !== '') problem = 'wrote to stderr';
      else if (expected.length === 0) problem = 'declares no `// expect:` lines';
      else {
        const missing = check(stdout.split('\n'), expected);
        if (missing) problem = `output lacks ${missing}`;
      }
      resolve({ name, ms, problem, stdout, stderr });
    });
  });
}

const queue = [...names];
const results = [];
await Promise.all(
  Array.from({ length: Math.max(1, jobs) }, async () => {
    for (let name; (name = queue.shift()) !== undefined; ) {
      let result = await run(name);
      for (let attempt = 1; result.problem && attempt <= retries; attempt++) {
        console.log(`retry ${name}: run ${attempt} failed (${result.problem})`);
        result = await run(name);
      }
      results.push(result);
      console.log(`${result.problem ? 'FAIL' : 'ok  '} ${name} (${result.ms} ms)${result.problem ? `: ${result.problem}` : ''}`);
      if (result.problem) {
        console.log(`---- stdout of ${name}\n${result.stdout}---- stderr of ${name}\n${result.stderr}----`);
      }
    }
  }),
);
const failed = results.filter((result) => result.problem);
console.log(`${results.length - failed.length} of ${results.length} examples passed under ${runtime} (RXF_EXAMPLE_SPEED=${speed})`);
process.exitCode = failed.length > 0 ? 1 : 0;
