/**
 * CoderzColumn guide, section 12.1, "Wait() without Timeout", over a queue in Redis: `wait()` on the first five of
 * ten QueueExecutor futures returns once those five jobs are done, as `{ done, notDone }` sets; the other five go on
 * running on the worker machines. The same `wait` as `cube-wait`, with the executor swapped.
 *
 * Executor: QueueExecutor; two `rxfutures worker` processes (the "machines") with a pool of three event-loop slots
 * each serve the queue, as the guide's pool of five processes would. Uses the Redis at REDIS_URL (default
 * redis://127.0.0.1:6379), or starts a redis-server of its own if none answers.
 */
import { join } from 'node:path';
import { wait, type Future } from '../src';
import { QueueExecutor, namedTask } from '../src/queue';
import { withLocalQueue } from './support/localQueue';
import { now, range } from './support/python';
import { printPartition, printResults } from './support/printWaitResult';
import { runMain } from './support/runMain';
import type * as tasks from './tasks/sleepers';

// expect: : All Tasks submitted to the queue.
// expect-re: ^Completed Tasks : \['F-\d', 'F-\d', 'F-\d', 'F-\d', 'F-\d'\]$
// expect: Pending   Tasks   : []
// expect: : First 5 Tasks Completed.
// expect: : All Tasks Completed.
// expect: Results : [1, 8, 27, 64, 125, 216, 343, 512, 729, 1000]

const workers = { name: 'wait', tasks: join(__dirname, 'tasks/sleepers.js'), count: 2, pool: 'async', maxWorkers: 3 } as const;

runMain(() =>
  withLocalQueue(workers, async ({ url, queue, secret }) => {
    const cube = namedTask<typeof tasks.cubeValue>('cubeValue'); // the export `cubeValue` of the workers' tasks module
    const names = new Map<Future<number>, string>();
    let all: Array<Future<number>>;
    {
      await using queuePool = new QueueExecutor({ queue, connection: url, secret });
      all = range(1, 11).map((i) => {
        const f = queuePool.submit(cube, i); // submit tasks: one job each
        names.set(f, `F-${i}`);
        return f;
      });
      console.log(`${now()} : All Tasks submitted to the queue.`);

      const result = await wait(all.slice(0, 5)); // wait for the first 5 tasks
      printPartition(result, (f) => names.get(f) ?? '?');
      console.log(`\n${now()} : First 5 Tasks Completed.`);
      await printResults(result.done);
    }
    console.log(`\n${now()} : All Tasks Completed.`);
    await printResults(all);
  }),
);
