/**
 * futures_as_completed.py (PyMOTW, "Waiting for Tasks in Any Order") over a queue in Redis: `asCompleted()` hands out
 * the futures of a QueueExecutor as their jobs finish, on whichever worker machine ran them, so the order changes
 * from run to run. The same loop as `futures-as-completed`, with the executor swapped.
 *
 * Executor: QueueExecutor; two `rxfutures worker` processes (the "machines"), each running up to three tasks at once
 * on its event loop, serve the queue. Uses the Redis at REDIS_URL (default redis://127.0.0.1:6379), or starts a
 * redis-server of its own if none answers.
 */
import { join } from 'node:path';
import { asCompleted } from '../src';
import { QueueExecutor, namedTask } from '../src/queue';
import { withLocalQueue } from './support/localQueue';
import { range, repr } from './support/python';
import { runMain } from './support/runMain';
import type * as tasks from './tasks/sleepers';

// expect: main: starting
// expect-any: main: result: [1, 0.1]
// expect-any: main: result: [2, 0.2]
// expect-any: main: result: [3, 0.3]
// expect-any: main: result: [4, 0.4]
// expect-any: main: result: [5, 0.5]
// expect: main: 5 results from 2 machines

const workers = { name: 'as-completed', tasks: join(__dirname, 'tasks/sleepers.js'), count: 2, pool: 'async', maxWorkers: 3 } as const;

runMain(() =>
  withLocalQueue(workers, async ({ url, queue, secret }) => {
    await using ex = new QueueExecutor({ queue, connection: url, secret });
    const task = namedTask<typeof tasks.task>('task'); // the export `task` of the workers' tasks module
    console.log('main: starting');
    const waitFor = range(5, 0, -1).map((i) => ex.submit(task, i));
    let count = 0;
    for await (const f of asCompleted(waitFor)) {
      console.log(`main: result: ${repr(await f)}`);
      count++;
    }
    console.log(`main: ${count} results from ${workers.count} machines`);
  }),
);
