#!/usr/bin/env node
// Prints where a `node --cpu-prof` profile spent its time, by function (self time), heaviest first:
// `node benchmarks/profile-summary.mjs FILE.cpuprofile [how many, default 25]`.
import { readFileSync } from 'node:fs';

const [file, count = '25'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node benchmarks/profile-summary.mjs FILE.cpuprofile [how many]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const selfTime = new Map();
let total = 0;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  total += delta;
  const { functionName, url, lineNumber } = nodes.get(id).callFrame;
  const where = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
  selfTime.set(where, (selfTime.get(where) ?? 0) + delta);
});
console.log(`${(total / 1000).toFixed(0)} ms sampled`);
for (const [where, micros] of [...selfTime].sort((a, b) => b[1] - a[1]).slice(0, Number(count))) {
  console.log(`${(micros / 1000).toFixed(1).padStart(9)} ms ${((100 * micros) / total).toFixed(1).padStart(5)}%  ${where}`);
}
