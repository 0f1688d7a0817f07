// One measurement, in a fresh process so that no system inherits another's JIT state, heap or threads:
// `node lib/measure.mjs '<json>'` with { adapter, op, size, warmup, reps, workers, args, flags }.
// Opens the adapter's session (workers started), runs an untimed warm-up, then `reps` timed runs, and prints
// { samples, unit } as the last stdout line. With `args.paired` (the CPU workload), every timed run is preceded by
// the same work run serially on this process's main thread, and those times come out as `serial`: the speedup is
// then a ratio of two runs made seconds apart in one process, which machine drift cannot skew. An op that returns { ms } timed itself (its set-up excluded); one that
// returns { value } measured a quantity that is not a time (bytes per future).
import * as ops from './ops.mjs';
import { serialFib } from './serial.mjs';

const spec = JSON.parse(process.argv[2]);
const { default: adapter } = await import(`../adapters/${spec.adapter}.mjs`);
const session = await adapter.open({ workers: spec.workers, flags: spec.flags });
const run = session[spec.op]
  ? (size) => session[spec.op](size, spec.args ?? {})
  : (size) => ops[spec.op](session.call, size, spec.args ?? {});

// The warm-up runs in passes of the timed size: one run of twice the size warms less than two passes (code run once
// per pass, and the garbage of one big run, fall on the first timed run instead).
for (let left = spec.warmup; left > 0; left -= spec.size) await run(Math.min(left, spec.size));
const samples = [];
const serial = [];
let unit = 'ms';
for (let rep = 0; rep < spec.reps; rep++) {
  if (spec.args?.paired && spec.adapter !== 'node-baseline') {
    const start = performance.now();
    serialFib(spec.size, spec.args.fib);
    serial.push(performance.now() - start);
  }
  const start = performance.now();
  const outcome = await run(spec.size);
  const ms = performance.now() - start;
  if (outcome?.value !== undefined) unit = 'value';
  samples.push(outcome?.value ?? outcome?.ms ?? ms);
}
console.log(JSON.stringify({ samples, unit, ...(serial.length > 0 ? { serial } : {}) }));
// A quantity op (memory) holds the workers busy on purpose: leave at once rather than wait for them to wind down.
if (unit === 'value') process.exit(0);
// A pool that cannot close in time must not stall the run: its figure is already out.
await Promise.race([session.close(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
process.exit(0);
