/**
 * Does `mapOrdered` with chunking reach the thread pool's own bulk throughput? Same pool, same tiny task, same
 * chunksize: `executor.map` (the pool's bulk path) against `from(items).pipe(mapOrdered(...))`, alternating rounds,
 * median of each.
 *
 *   npm run build && npx tsx benchmarks/mapOrdered-on-threads.ts [items=100000] [chunksize=256] [rounds=5]
 */
import { count, from, lastValueFrom } from 'rxjs';
import { ThreadPoolExecutor } from '../src/executors/ThreadPoolExecutor';
import { mapOrdered } from '../operators/mapOrdered';

const [items = 100_000, chunksize = 256, rounds = 5] = process.argv.slice(2).map(Number);
const input = Array.from({ length: items }, (_, i) => i);
const task = (x: number) => x + 1;

async function main(): Promise<void> {
  const pool = new ThreadPoolExecutor({ maxWorkers: 2 });
  const contenders: Record<string, () => Promise<number>> = {
    'executor.map': () => lastValueFrom(pool.map(task, input, { chunksize }).pipe(count())),
    mapOrdered: () => lastValueFrom(from(input).pipe(mapOrdered(pool, task, { chunksize }), count())),
    'mapOrdered 16': () => lastValueFrom(from(input).pipe(mapOrdered(pool, task, { chunksize, maxInFlight: 16 }), count())),
  };
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (const run of Object.values(contenders)) await run(); // warm-up: workers started, task compiled
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(contenders)) {
      const start = performance.now();
      if ((await run()) !== items) throw new Error(`${name} lost results`);
      samples[name]?.push(performance.now() - start);
    }
  }
  await pool.shutdown();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const base = median(samples['executor.map'] as number[]);
  console.log(`${items} items, chunksize ${chunksize}, 2 threads, ${rounds} rounds, node ${process.version}`);
  for (const [name, values] of Object.entries(samples)) {
    const ms = median(values);
    console.log(`${name.padEnd(14)} ${ms.toFixed(1).padStart(8)} ms  ${((items / ms) * 1000).toFixed(0).padStart(9)} items/s  x${(ms / base).toFixed(2)}`);
  }
}

void main();
