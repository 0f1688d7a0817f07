/**
 * What `mapOrdered` / `mapUnordered` cost on top of RxJS's own `mergeMap(fn, n)` for the same async function, on an
 * AsyncExecutor, in one process run (alternating rounds, median of each).
 *
 *   npx tsx benchmarks/mapOrdered-vs-mergeMap.ts [items=100000] [concurrency=8] [rounds=7]
 *
 * mergeMap runs `fn` with at most n at once. The operators run it on an AsyncExecutor with maxWorkers n and their
 * default maxInFlight (2n), so the executor, not the operator, limits concurrency the same way.
 *
 * Two shapes of source: `from(all items)` (the whole backlog arrives at once; mergeMap keeps its backlog in an array
 * it `shift()`s, which grows costly with depth) and `batched`, the same items as batches of 500 run one batch after
 * the other (`concatMap`), so every backlog stays shallow and the per-item cost of each operator shows.
 */
import { concatMap, count, from, lastValueFrom, mergeMap, type OperatorFunction } from 'rxjs';
import { AsyncExecutor } from '../src/executors/AsyncExecutor';
import { mapOrdered } from '../operators/mapOrdered';
import { mapUnordered } from '../operators/mapUnordered';

const [items = 100_000, n = 8, rounds = 7] = process.argv.slice(2).map(Number);
const fn = async (x: number): Promise<number> => x + 1;
const input = Array.from({ length: items }, (_, i) => i);
const batches = Array.from({ length: Math.ceil(items / 500) }, (_, i) => input.slice(i * 500, (i + 1) * 500));
const all = (op: OperatorFunction<number, number>) => () => lastValueFrom(from(input).pipe(op, count()));
const batched = (op: OperatorFunction<number, number>) => () =>
  lastValueFrom(from(batches).pipe(concatMap((batch) => from(batch).pipe(op)), count()));

async function time(run: () => Promise<number>): Promise<number> {
  const start = performance.now();
  const got = await run();
  if (got !== items) throw new Error(`expected ${items} results, got ${got}`);
  return performance.now() - start;
}

async function main(): Promise<void> {
  const executor = new AsyncExecutor({ maxWorkers: n });
  const contenders: Record<string, () => Promise<number>> = {
    [`mergeMap(fn, ${n})`]: all(mergeMap(fn, n)),
    mapOrdered: all(mapOrdered(executor, fn)),
    mapUnordered: all(mapUnordered(executor, fn)),
    [`batched mergeMap(fn, ${n})`]: batched(mergeMap(fn, n)),
    'batched mapOrdered': batched(mapOrdered(executor, fn)),
    'batched mapUnordered': batched(mapUnordered(executor, fn)),
  };
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (const run of Object.values(contenders)) await time(run); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(contenders)) samples[name]?.push(await time(run));
  }
  await executor.shutdown();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  console.log(`${items} items, concurrency ${n}, ${rounds} rounds, node ${process.version}`);
  for (const [name, values] of Object.entries(samples)) {
    const base = median(samples[name.startsWith('batched') ? `batched mergeMap(fn, ${n})` : `mergeMap(fn, ${n})`] as number[]);
    const ms = median(values);
    console.log(`${name.padEnd(24)} ${ms.toFixed(1).padStart(8)} ms  ${((ms * 1000) / items).toFixed(2)} us/item  x${(ms / base).toFixed(2)}`);
  }
}

void main();
