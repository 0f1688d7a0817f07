/**
 * Example timing. The seed programs sleep for whole seconds; `RXF_EXAMPLE_SPEED=20` runs every sleep twenty times
 * faster (`npm run examples` does this), so the whole set finishes in seconds while telling the same story.
 */
import { setTimeout as delay } from 'node:timers/promises';

const speed = Number(process.env.RXF_EXAMPLE_SPEED ?? '1');
if (!(speed > 0)) throw new RangeError(`RXF_EXAMPLE_SPEED must be a number > 0; received ${process.env.RXF_EXAMPLE_SPEED}`);

/** How many milliseconds stand for one second of the Python original at the current speed. */
export const SECOND_MS = 1000 / speed;

/** Milliseconds standing for `n` seconds of the Python original. */
export function seconds(n: number): number {
  return n * SECOND_MS;
}

/** Sleeps for `ms` milliseconds (Python's `time.sleep`, but it lets the event loop run meanwhile). */
export function sleep(ms: number): Promise<void> {
  return delay(ms);
}

/** Starts a wall clock; the returned function prints `Wall time: <s> s` in seconds of the Python original. */
export function wallClock(): () => void {
  const start = performance.now();
  return () => console.log(`Wall time: ${((performance.now() - start) / SECOND_MS).toFixed(1)} s`);
}
