#!/usr/bin/env node
// Where the caller's side allocates, per task: runs one measurement as benchmarks/lib/measure.mjs does (same JSON
// spec: adapter, op, size, warmup, reps, workers, args) under V8's sampling heap profiler, counting objects the GC
// has already collected too, and prints bytes per task by allocating function (self), heaviest first, then the total.
// `node benchmarks/alloc-profile.mjs '<json>' [how many, default 25]`. Only this process (the caller) is sampled, not
// the workers. A sample stands for ~`interval` bytes, so small figures are estimates: compare totals, not single bytes.
import { Session } from 'node:inspector/promises';
import * as ops from './lib/ops.mjs';

const [json, count = '25'] = process.argv.slice(2);
if (!json) {
  console.error("usage: node benchmarks/alloc-profile.mjs '<measure.mjs json>' [how many]");
  process.exit(2);
}
const spec = JSON.parse(json);
const { default: adapter } = await import(`./adapters/${spec.adapter}.mjs`);
const session = await adapter.open({ workers: spec.workers, flags: spec.flags });
const run = session[spec.op]
  ? (size) => session[spec.op](size, spec.args ?? {})
  : (size) => ops[spec.op](session.call, size, spec.args ?? {});

if (spec.warmup > 0) await run(spec.warmup);
const inspector = new Session();
inspector.connect();
await inspector.post('HeapProfiler.enable');
await inspector.post('HeapProfiler.startSampling', {
  samplingInterval: 256,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
const reps = spec.reps ?? 1;
for (let rep = 0; rep < reps; rep++) await run(spec.size);
const { profile } = await inspector.post('HeapProfiler.stopSampling');
inspector.disconnect();

const tasks = spec.size * reps;
const bySite = new Map();
let total = 0;
const name = ({ functionName, url, lineNumber }) =>
  `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
const visit = (node, parent) => {
  // A built-in (no file) is named with its caller: \`slice :0 < copy pool/StructuredCopy.js:40\`.
  const where = node.callFrame.url === '' && parent !== undefined ? `${name(node.callFrame)} < ${name(parent.callFrame)}` : name(node.callFrame);
  bySite.set(where, (bySite.get(where) ?? 0) + node.selfSize);
  total += node.selfSize;
  for (const child of node.children) visit(child, node);
};
visit(profile.head);
console.log(`${(total / tasks).toFixed(0)} bytes per task (${tasks} tasks)`);
for (const [where, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, Number(count))) {
  console.log(`${(bytes / tasks).toFixed(1).padStart(9)} B  ${where}`);
}
await Promise.race([session.close(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
process.exit(0);
