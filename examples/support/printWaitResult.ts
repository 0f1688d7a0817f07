/** The report the CoderzColumn `wait()` examples print: which named futures are done, which are not, and results. */
import type { Future, WaitResult } from '../../src';
import { repr } from './python';

/** Prints `Completed Tasks : [...]` and `Pending   Tasks   : [...]` for a `wait()` result. */
export function printPartition(result: WaitResult<number>, name: (f: Future<number>) => string): void {
  console.log(`\nCompleted Tasks : ${repr([...result.done].map(name))}`);
  console.log(`\nPending   Tasks   : ${repr([...result.notDone].map(name))}`);
}

/** Awaits every future in order and prints `Results : [...]`. */
export async function printResults(futures: Iterable<Future<number>>): Promise<void> {
  const results = [];
  for (const future of futures) results.push(await future.result());
  console.log(`\nResults : ${repr(results)}`);
}
