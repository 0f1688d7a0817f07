/**
 * A race with `waitFirst`: ask three mirrors for the same file, keep the first answer, stop the others.
 *
 *   npm run build && node dist/cjs/examples/operators-race.js     (or: npx tsx examples/operators-race.ts)
 */
import { firstValueFrom, from, mergeAll } from 'rxjs';
import { AsyncExecutor } from '../src';
import { waitFirst } from '../operators';

/** Stands in for a download: each mirror answers after its own delay. */
const download = (mirror: string, ms: number) =>
  new Promise<string>((resolve) => setTimeout(() => resolve(`file from ${mirror}`), ms));

async function main(): Promise<void> {
  await using executor = new AsyncExecutor({ maxWorkers: 2 });
  const attempts = [
    executor.submit(download, 'eu.mirror', 90),
    executor.submit(download, 'us.mirror', 30),
    executor.submit(download, 'asia.mirror', 60), // queued: only two workers
  ];
  const body = await firstValueFrom(from(attempts).pipe(waitFirst({ cancelOthers: true }), mergeAll()));
  console.log('winner:', body);
  console.log('states:', attempts.map((future) => future.state).join(', ')); // FINISHED (aborted), FINISHED, CANCELLED
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
