/**
 * The `cube` tasks of the CoderzColumn guide: each sleeps `x` seconds (shortened by RXF_EXAMPLE_SPEED) and returns
 * `x ** 3`, with the name of the worker that ran it in the thread-pool variants.
 */
import { currentWorkerName } from '../../src';
import { seconds, sleep } from './timing';

/** Sleeps `x` seconds; returns the worker's name and `x ** 3`, as the guide's thread-pool `cube`. */
export async function cube(x: number): Promise<[string, number]> {
  const currThread = currentWorkerName();
  await sleep(seconds(x));
  return [currThread, x ** 3];
}

/** Sleeps `x` seconds; returns `x ** 3`, as the guide's process-pool `cube`. */
export async function cubeValue(x: number): Promise<number> {
  await sleep(seconds(x));
  return x ** 3;
}
