/**
 * A Node pipeline: read a file line by line, run each line as a task with `mapOrdered`, write the results in the
 * input's order.
 *
 *   npm run build && node dist/cjs/examples/operators-pipeline.js [file]     (or: npx tsx examples/operators-pipeline.ts)
 *
 * The task is a module task, so moving the work to other processes is a one-line change once the pools land:
 * `new ProcessPoolExecutor({ maxWorkers: 4 })` instead of the AsyncExecutor.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { from, map } from 'rxjs';
import { AsyncExecutor, moduleTask } from '../src';
import { mapOrdered } from '../operators';
import type { lineStats } from './tasks/lineStats';

// expect-re: ^ +1 +\d+ words +\d+ chars 
// expect: COMPLETE: () => VOID EXECUTOR.SHUTDOWN

const file = process.argv[2] ?? __filename;
// require.resolve finds the task's file whether this example runs compiled (.js) or under tsx (.ts).
const stats = moduleTask<typeof lineStats>(require.resolve('./tasks/lineStats'), 'lineStats');
const executor = new AsyncExecutor({ maxWorkers: 4 });

const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
from(lines)
  .pipe(
    mapOrdered(executor, stats, { chunksize: 8, timeout: 5_000 }),
    map(({ words, chars, upper }, index) => `${String(index + 1).padStart(4)}  ${String(words).padStart(3)} words  ${String(chars).padStart(4)} chars  ${upper}\n`),
  )
  .subscribe({
    next: (line) => process.stdout.write(line),
    error: (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
      void executor.shutdown({ cancelFutures: true });
    },
    complete: () => void executor.shutdown(),
  });
