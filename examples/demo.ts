/**
 * The end-to-end demo (`npm run demo`): a batch of I/O-like tasks on an AsyncExecutor, read three ways.
 * It grows into the CPU demo over worker threads and child processes as the pools land.
 */
import { AsyncExecutor, asCompleted, currentWorkerName, wait, FIRST_COMPLETED } from '../src';

// expect: map() keeps input order:
// expect-re: ^   120 ms on
// expect-re: ^   60 ms on
// expect: asCompleted() follows completion order:
// expect: wait(FIRST_COMPLETED) returns as soon as one is done:
// expect: done: 1, not done: 4

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  await using executor = new AsyncExecutor({ maxWorkers: 3 });
  const delays = [120, 40, 80, 20, 60];

  console.log('map() keeps input order:');
  for await (const line of executor.map(async (ms: number) => {
    await sleep(ms);
    return `${ms} ms on ${currentWorkerName()}`;
  }, delays)) {
    console.log('  ', line);
  }

  console.log('asCompleted() follows completion order:');
  const futures = delays.map((ms) => executor.submit(async () => (await sleep(ms), ms)));
  for await (const future of asCompleted(futures)) console.log('   finished', await future, 'ms');

  console.log('wait(FIRST_COMPLETED) returns as soon as one is done:');
  const more = delays.map((ms) => executor.submit(async () => (await sleep(ms), ms)));
  const { done, notDone } = await wait(more, { returnWhen: FIRST_COMPLETED });
  console.log(`   done: ${done.size}, not done: ${notDone.size}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
