/**
 * Typeahead: each keystroke starts a search with `executor.defer`, and `switchMap` drops the previous one. A search
 * still queued is cancelled before it starts; a running one is aborted (its `taskSignal()` fires), so stale work
 * stops instead of finishing for nothing.
 *
 *   npm run build && node dist/cjs/examples/operators-typeahead.js     (or: npx tsx examples/operators-typeahead.ts)
 */
import { concatMap, debounceTime, from, of, delay, switchMap } from 'rxjs';
import { AsyncExecutor, taskSignal } from '../src';

const words = ['future', 'fusion', 'function', 'functor', 'fun', 'rxjs', 'reactive', 'executor'];

/** A slow search (think: a database query) that stops early when its signal fires. */
async function search(query: string): Promise<string[]> {
  const signal = taskSignal();
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 120);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      console.log(`  (search "${query}" stopped: ${String(signal.reason)})`);
      resolve();
    });
  });
  return words.filter((word) => word.startsWith(query));
}

async function main(): Promise<void> {
  await using executor = new AsyncExecutor({ maxWorkers: 2 });
  // The user types "fun", pauses, then "func".
  const keystrokes = from(['f', 'fu', 'fun', 'func']).pipe(concatMap((q, i) => of(q).pipe(delay(i === 3 ? 300 : 60))));
  await new Promise<void>((resolve) => {
    keystrokes
      .pipe(
        debounceTime(10),
        switchMap((query) => executor.defer(search, query)),
      )
      .subscribe({ next: (hits) => console.log('results:', hits.join(', ')), complete: resolve });
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
