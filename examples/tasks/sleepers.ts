/**
 * The tasks module of the queue examples (`queue-as-completed`, `queue-wait`): the seeds' tasks that only sleep,
 * run by `rxfutures worker` processes and called by name. Sleeps are shortened by RXF_EXAMPLE_SPEED, which the
 * workers inherit from the example that starts them.
 */
import { seconds, sleep } from '../support/timing';

export { cubeValue } from '../support/cube';

/** PyMOTW's `task(n)` of futures_as_completed.py: sleeps up to a second, returns `[n, n / 10]`. */
export async function task(n: number): Promise<[number, number]> {
  await sleep(seconds(Math.random()));
  return [n, n / 10];
}
