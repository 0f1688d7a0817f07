/**
 * The prime batch of the demos (`npm run demo`, `npm run demo:cluster`): the task, the ranges, the progress bars
 * and the summary table they share.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { SingleBar } from 'cli-progress';

/** A half-open range of whole numbers. */
export interface Range {
  from: number;
  to: number;
}

/**
 * Counts the primes in `range` by trial division: deliberately plain CPU work. It reports its progress (the share of
 * the range done) every 2% of the range; on a worker pool that moves the bar while the task runs, elsewhere it does
 * nothing. An inline task is sent to the workers as source, so it loads `reportProgress` itself.
 */
export function countPrimes(range: Range): number {
  const { reportProgress } = require('rxfutures') as typeof import('../../src');
  const size = range.to - range.from;
  const every = Math.max(1, Math.floor(size / 50));
  let count = 0;
  for (let n = Math.max(2, range.from); n < range.to; n++) {
    if ((n - range.from) % every === 0) reportProgress((n - range.from) / size);
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}

export interface Run {
  label: string;
  workers: number;
  ms: number;
  primes: number;
}

export const RANGES = 40;
const speed = Number(process.env.RXF_EXAMPLE_SPEED ?? '1');
export const RANGE_SIZE = Math.max(1000, Math.round(100_000 / (speed > 0 ? speed : 1)));
export const ranges: Range[] = Array.from({ length: RANGES }, (_, i) => ({ from: i * RANGE_SIZE, to: (i + 1) * RANGE_SIZE }));

/** A live progress bar over the ranges: its value counts ranges, a part of a range for one under way. */
export function progressBar(label: string): SingleBar {
  const bar = new SingleBar({
    format: `${label.padEnd(22)} {bar} {percentage}% of ${RANGES} ranges | {duration_formatted}`,
    barCompleteChar: '\u2588',
    barIncompleteChar: '\u2591',
    hideCursor: true,
    stream: process.stdout, // where the table goes too (cli-progress draws only on a terminal)
  });
  bar.start(RANGES, 0);
  return bar;
}

/** Prints the summary table: time and speedup against the first run. */
export function printTable(runs: Run[]): void {
  const base = runs[0]?.ms ?? 1;
  console.log(`\n${'executor'.padEnd(22)} ${'workers'.padStart(7)} ${'time'.padStart(8)} ${'speedup'.padStart(8)}`);
  for (const run of runs) {
    const time = `${(run.ms / 1000).toFixed(2)} s`;
    const speedup = `${(base / run.ms).toFixed(2)}x`;
    console.log(`${run.label.padEnd(22)} ${String(run.workers).padStart(7)} ${time.padStart(8)} ${speedup.padStart(8)}`);
  }
}


/** The batch run serially on the main thread, with its progress bar: the baseline of the table. */
export async function serial(): Promise<Run> {
  const bar = progressBar('serial (main thread)');
  const start = performance.now();
  let primes = 0;
  for (const range of ranges) {
    primes += countPrimes(range);
    bar.increment();
    await nextTurn(); // lets the bar redraw; costs microseconds
  }
  const ms = performance.now() - start;
  bar.stop();
  return { label: 'serial (main thread)', workers: 1, ms, primes };
}
