/**
 * Completion order without any extra operator: a Future is an Observable of its value, so `mergeAll()` over a stream
 * of futures emits the values as the tasks finish. `asCompleted()` does the same but hands out the futures, and
 * `executor.stream` reports progress from inside a task.
 *
 *   npm run build && node dist/cjs/examples/operators-completion-order.js     (or: npx tsx examples/operators-completion-order.ts)
 */
import { from, lastValueFrom, mergeAll, tap, toArray } from 'rxjs';
import { AsyncExecutor, currentWorkerName } from '../src';
import { asCompleted } from '../operators';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const job = async (ms: number) => (await sleep(ms), ms);

async function main(): Promise<void> {
  await using executor = new AsyncExecutor({ maxWorkers: 4 });
  const delays = [80, 20, 50, 10];

  const values = await lastValueFrom(from(delays.map((ms) => executor.submit(job, ms))).pipe(mergeAll(), toArray()));
  console.log('mergeAll():   ', values.join(', ')); // 10, 20, 50, 80

  const futures = await lastValueFrom(from(delays.map((ms) => executor.submit(job, ms))).pipe(asCompleted(), toArray()));
  console.log('asCompleted():', (await Promise.all(futures)).join(', ')); // the futures, in completion order

  await lastValueFrom(
    executor
      .stream(async function* (steps: number) {
        for (let step = 1; step <= steps; step++) {
          await sleep(10);
          yield `${currentWorkerName()}: step ${step}/${steps}`;
        }
      }, 3)
      .pipe(tap((progress) => console.log('progress:     ', progress))),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
