/**
 * The CoderzColumn `wait()` examples submit ten `cube` tasks and tag each future `F-1`...`F-10`; Python sets
 * `f.name`, TypeScript keeps the names in a map beside the futures.
 */
import type { Executor, Future } from '../../src';
import { cubeValue } from './cube';
import { range } from './python';

/** Submits `cube(1)`...`cube(10)`; returns the futures in order and a function that names a future. */
export function submitNamed(pool: Executor): { futures: Array<Future<number>>; name: (f: Future<number>) => string } {
  const names = new Map<Future<number>, string>();
  const futures = range(1, 11).map((i) => {
    const f = pool.submit(cubeValue, i); // submit tasks
    names.set(f, `F-${i}`);
    return f;
  });
  return { futures, name: (f) => names.get(f) ?? '?' };
}
