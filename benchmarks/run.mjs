#!/usr/bin/env node
// `npm run bench [-- options]`: rxfutures side by side with its peers, in one run, on this machine.
// Options: --quick (a smoke check under a minute: smaller sizes, one process per row, and only rxfutures, the raw
// floors, piscina, RxJS and Python), --workers N (default 2), --rounds N (processes per row),
// --only bulk,latency (table ids), --systems piscina,raw-fork (adapter ids), --out DIR (default benchmarks/results),
// --runtime node|bun|deno (the runtime of every Node measurement process, raw baselines included; default node),
// --help (this text and the table ids).
// Writes DIR/latest.md (printed too), DIR/latest.svg (chart of the main ratios) and DIR/latest.json (raw samples);
// --quick writes quick.md/.svg/.json instead, so a smoke check never replaces the full run's results.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { renderChart } from './lib/chart.mjs';
import { runJob } from './lib/jobs.mjs';
import { describeMachine } from './lib/machine.mjs';
import { describePinning } from './lib/pinning.mjs';
import { benchDir } from './lib/paths.mjs';
import { plan, QUICK_SYSTEMS } from './lib/plan.mjs';
import { refOf, renderMarkdown, speedupOf, summarizeRuns } from './lib/report.mjs';
import { checkTargets } from './lib/targets.mjs';
import { RUNTIMES, runtimeLabel } from './lib/runtime.mjs';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    workers: { type: 'string', default: '2' },
    rounds: { type: 'string' },
    only: { type: 'string' },
    systems: { type: 'string' },
    out: { type: 'string', default: join(benchDir, 'results') },
    'raw-fork-json': { type: 'boolean', default: false },
    runtime: { type: 'string', default: 'node' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  // The options are documented once, in this file's opening comment.
  const { readFileSync } = await import('node:fs');
  const lines = readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1);
  const opening = lines.slice(0, lines.findIndex((line) => !line.startsWith('//')));
  console.log(opening.map((line) => line.slice(3)).join('\n'));
  console.log(`Tables (for --only): ${plan({ quick: false, workers: 2 }).map((table) => table.id).join(', ')}`);
  process.exit(0);
}
if (!RUNTIMES.includes(args.runtime)) throw new RangeError(`--runtime must be one of ${RUNTIMES.join(', ')}; received ${args.runtime}`);
const workers = Number(args.workers);
if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`--workers must be a whole number > 0; received ${args.workers}`);
const rounds = args.rounds === undefined ? (args.quick ? 1 : 3) : Number(args.rounds);
const repsPerProcess = 2;
const only = args.only?.split(',');
const systems = args.systems?.split(',') ?? (args.quick ? QUICK_SYSTEMS : undefined);
const started = performance.now();
const machine = { ...describeMachine(), runtime: runtimeLabel(args.runtime) };

const pinning = describePinning();
const tables = plan({ quick: args.quick, workers })
  .filter((table) => !only || only.includes(table.id))
  .map((table) => ({ ...table, rows: table.rows.filter((row) => !systems || systems.includes(row.adapter)) }))
  .filter((table) => table.rows.length > 0)
  .map((table) => (table.pin ? { ...table, what: `${table.what}. ${pinning.note}` } : table));

// Adapters, their labels, and whether each (adapter, op) can run with this build and machine.
const adapters = new Map();
const skipped = new Map();
for (const table of tables) {
  for (const row of table.rows) {
    if (!adapters.has(row.adapter)) adapters.set(row.adapter, (await import(`./adapters/${row.adapter}.mjs`)).default);
    const adapter = adapters.get(row.adapter);
    row.kind = adapter.kind;
    if (!skipped.has(row.key)) skipped.set(row.key, await adapter.available?.(row.op));
  }
}
const labels = Object.fromEntries([...adapters].map(([id, adapter]) => [id, adapter.label]));
// A row that names the calls it makes (`how`, Dask's rows) is labelled with its system's label and those calls.
for (const row of tables.flatMap((table) => table.rows)) {
  if (row.how && !row.label) row.label = `${labels[row.adapter]}: ${row.how}`;
}

// The jobs: per table, `rounds` rounds over its rows in rotating order, each a fresh process.
const jobs = [];
for (const table of tables) {
  const runnable = table.rows.filter((row) => !skipped.get(row.key));
  // An explicit --rounds applies to every table; otherwise a table may ask for more (or fewer) processes.
  // A row may ask for fewer processes than its table (a peer no target names, in a table of targets).
  const roundsOf = (row) => (args.rounds === undefined ? (row.rounds ?? table.rounds ?? rounds) : rounds);
  const tableRounds = Math.max(0, ...runnable.map(roundsOf));
  for (let round = 0; round < tableRounds; round++) {
    const shift = round % Math.max(1, runnable.length);
    for (const row of [...runnable.slice(shift), ...runnable.slice(0, shift)]) {
      if (round >= roundsOf(row)) continue;
      jobs.push({
        table,
        row,
        adapter: adapters.get(row.adapter),
        workers: table.workers ?? workers,
        pin: table.pin && pinning.available,
        runtime: args.runtime,
        flags: { rawForkJson: args['raw-fork-json'] },
        // 'pass': full passes of the row's own size, `warmupPasses` of them (rows with fewer items warm up on fewer).
        warmup:
          row.warmup ?? (table.warmup === 'pass' ? row.size * (table.warmupPasses ?? 1) : table.warmup) ?? Math.max(1, Math.floor(row.size / 10)),
        reps: row.reps ?? table.reps ?? repsPerProcess,
      });
    }
  }
}

// Each table says how many samples its rows got: processes × timed runs per process (rows may differ).
for (const table of tables) {
  const shapes = new Map();
  for (const job of jobs.filter((candidate) => candidate.table === table)) {
    const key = job.row.key;
    shapes.set(key, { processes: (shapes.get(key)?.processes ?? 0) + 1, reps: job.reps, label: job.row.label ?? job.adapter.label });
  }
  const shown = ({ processes, reps }) => `${processes} process${processes === 1 ? '' : 'es'} × ${reps} run${reps === 1 ? '' : 's'}`;
  const counts = new Map();
  for (const shape of shapes.values()) counts.set(shown(shape), [...(counts.get(shown(shape)) ?? []), shape.label]);
  const [common] = [...counts.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
  const others = [...counts.entries()].filter(([text]) => text !== common).map(([text, labelsOf]) => `${text} for ${labelsOf.join(', ')}`);
  table.samplesText = common && `Samples per system: ${common}${others.length ? `; ${others.join('; ')}` : ''}.`;
}

const outcomes = new Map();
for (const table of tables) {
  for (const row of table.rows) {
    outcomes.set(`${table.id}|${row.key}`, { samples: [], errors: [], skipped: skipped.get(row.key), seconds: 0 });
  }
}

const progress = startProgress(jobs.length);
for (const [index, job] of jobs.entries()) {
  progress.update(index, { workload: `${job.table.workload}. ${job.table.id}`, system: job.row.label ?? job.adapter.label });
  const jobStart = performance.now();
  const result = await runJob(job, args.quick ? 60_000 : 240_000);
  const outcome = outcomes.get(`${job.table.id}|${job.row.key}`);
  outcome.seconds += (performance.now() - jobStart) / 1000;
  if (result.error) outcome.errors.push(result.error);
  else {
    outcome.samples.push(...result.samples);
    if (result.serial) (outcome.serial ??= []).push(...result.serial);
    if (result.warning) outcome.warnings = [...new Set([...(outcome.warnings ?? []), result.warning])];
    outcome.unit = result.unit;
  }
}
progress.update(jobs.length, { workload: 'done', system: '' });
progress.stop();

// The report.
machine.loadAfter = os.loadavg();
const summary = summarizeRuns(tables, outcomes);
const median = (tableId, key) => summary[tableId]?.[key]?.stats?.median;
const targets = checkTargets({ median, speedup: (key) => speedupOf(summary, key) });
const settings = {
  workers,
  command: `npm run bench --${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}`.replace(/ --$/, ''),
  samplesText:
    `${args.rounds === undefined && !args.quick ? 'from 2 to 5 processes per row (each table says)' : `${rounds} process${rounds === 1 ? '' : 'es'} per row`} × ` +
    `${repsPerProcess} timed runs each unless a table says otherwise${args.quick ? ', quick mode: smaller sizes, figures are a smoke check only' : ''}`,
};
const seconds = (performance.now() - started) / 1000;
const markdown = renderMarkdown({ tables, summary, machine, labels, settings, targets, seconds });
const base = args.quick ? 'quick' : 'latest';
mkdirSync(args.out, { recursive: true });
writeFileSync(join(args.out, `${base}.md`), markdown + '\n');
writeFileSync(
  join(args.out, `${base}.json`),
  JSON.stringify({ machine, settings, tables: tables.map(({ id, size }) => ({ id, size })), outcomes: Object.fromEntries(outcomes) }, null, 1) + '\n',
);
const svg = await renderChart(chartBars(tables, summary, labels), {
  title: `rxfutures vs peers: ${workers} workers, ${machine.cores} cores, ${machine.runtime}${args.quick ? ' (quick mode)' : ''}`,
});
writeFileSync(join(args.out, `${base}.svg`), svg);
console.log(markdown);
console.error(`\nwrote ${join(args.out, `${base}.md`)}, ${base}.svg and ${base}.json in ${Math.round(seconds)} s`);

/** The bars of the chart: the main workloads, each system's ratio to its rxfutures reference. */
function chartBars(tables, summary, labels) {
  const panels = { bulk: 'us/task', latency: 'us/round trip', 'map-256': 'us/item', 'payload-copy': 'us/task', 'payload-transfer': 'us/task', operators: 'us/item' };
  const bars = [];
  for (const table of tables.filter((candidate) => candidate.id in panels)) {
    for (const row of table.rows) {
      const stats = summary[table.id][row.key]?.stats;
      const ref = summary[table.id][refOf(table, row)]?.stats;
      if (!stats || !ref) continue;
      bars.push({
        panel: `${table.workload}. ${table.title} (${panels[table.id]})`,
        // Versions are in the tables; the chart keeps the names short.
        system: (row.label ?? labels[row.adapter]).replace(/ v?\d+\.\d+\.\d+/g, ''),
        ratio: stats.median / ref.median,
        rxfutures: row.adapter.startsWith('rxfutures'),
      });
    }
  }
  return bars;
}

/** A progress bar on a terminal; one line per job elsewhere (CI logs). */
function startProgress(total) {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: '{bar} {value}/{total} | {workload} | {system} | {duration_formatted} (eta {eta_formatted})', stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { workload: '', system: '' });
    return bar;
  }
  return {
    update: (value, { workload, system }) => {
      if (value < total) console.error(`[${value + 1}/${total}] ${workload} · ${system}`);
    },
    stop: () => {},
  };
}
