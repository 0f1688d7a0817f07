/**
 * Row 14, continued: an option key nobody reads is a mistake plain JavaScript cannot catch (`maxWokers: 4` would run
 * with the default). Every options object of the public API throws a TypeError naming the key and the nearest valid
 * option, before anything starts; every valid key is still accepted.
 */
import { join } from 'node:path';
import { asCompleted as asCompletedOperator } from '../../operators/asCompleted';
import { mapOrdered } from '../../operators/mapOrdered';
import { mapUnordered } from '../../operators/mapUnordered';
import { waitFirst } from '../../operators/waitFirst';
import { asCompleted } from '../../src/asCompleted';
import { AsyncExecutor } from '../../src/executors/AsyncExecutor';
import { ProcessPoolExecutor } from '../../src/executors/ProcessPoolExecutor';
import { ThreadPoolExecutor } from '../../src/executors/ThreadPoolExecutor';
import { ThreadsJsExecutor } from '../../src/executors/ThreadsJsExecutor';
import { FIRST_COMPLETED } from '../../src/ReturnWhen';
import { SchedulerExecutor } from '../../src/testing/SchedulerExecutor';
import { wait } from '../../src/wait';
import { reliabilitySuite, spawnedCount } from './harness';

const scheduler = { schedule: <T>(promise: Promise<T>) => promise };
const threadsWorker = join(__dirname, '..', 'fixtures', 'threadsWorker.cjs');
/** Options objects typed loosely, as plain JavaScript passes them. */
type Loose = Record<string, unknown>;

describe('row 14: unknown option keys', () => {
  const h = reliabilitySuite();
  const executor = () => h.track(new AsyncExecutor({ maxWorkers: 1 }));
  const done = () => executor().submit(() => 1);

  const cases: Array<[string, string, string | undefined, () => unknown]> = [
    ['ThreadPoolExecutor', 'maxWokers', 'maxWorkers', () => new ThreadPoolExecutor({ maxWokers: 4 } as Loose)],
    ['ThreadPoolExecutor', 'resourceLimit', 'resourceLimits', () => new ThreadPoolExecutor({ resourceLimit: {} } as Loose)],
    ['ThreadPoolExecutor', 'on_worker_exit', 'onWorkerExit', () => new ThreadPoolExecutor({ on_worker_exit: 'respawn' } as Loose)],
    ['ProcessPoolExecutor', 'exec_argv', 'execArgv', () => new ProcessPoolExecutor({ exec_argv: [] } as Loose)],
    ['ProcessPoolExecutor', 'maxTaskPerChild', 'maxTasksPerChild', () => new ProcessPoolExecutor({ maxTaskPerChild: 3 } as Loose)],
    ['AsyncExecutor', 'abortGrace', 'abortGraceMs', () => new AsyncExecutor({ abortGrace: 5 } as Loose)],
    ['AsyncExecutor', 'taskcontext', 'taskContext', () => new AsyncExecutor({ taskcontext: false } as Loose)],
    ['ThreadsJsExecutor', 'maxWorker', 'maxWorkers', () => new ThreadsJsExecutor({ workerModule: threadsWorker, maxWorker: 1 } as never)],
    ['SchedulerExecutor', 'schedular', 'scheduler', () => new SchedulerExecutor({ scheduler, schedular: scheduler } as never)],
    ['submitWith()', 'timout', 'timeout', () => executor().submitWith({ timout: 5 } as Loose, () => 1)],
    ['map()', 'chunkSize', 'chunksize', () => executor().map((n: number) => n, [1], { chunkSize: 2 } as Loose)],
    ['shutdown()', 'cancel_futures', 'cancelFutures', () => executor().shutdown({ cancel_futures: true } as Loose)],
    ['streamWith()', 'highWatermark', 'highWaterMark', () => executor().streamWith({ highWatermark: 2 } as Loose, () => [1])],
    ['wait()', 'return_when', 'returnWhen', () => wait([done()], { return_when: FIRST_COMPLETED } as Loose)],
    ['asCompleted()', 'timeOut', 'timeout', () => asCompleted([done()], { timeOut: 5 } as Loose)],
    ['mapOrdered()', 'maxInflight', 'maxInFlight', () => mapOrdered(executor(), (n: number) => n, { maxInflight: 2 } as Loose)],
    ['mapUnordered()', 'concurrency', undefined, () => mapUnordered(executor(), (n: number) => n, { concurrency: 2 } as Loose)],
    ['the asCompleted() operator', 'timout', 'timeout', () => asCompletedOperator({ timout: 5 } as Loose)],
    ['waitFirst()', 'cancelOther', 'cancelOthers', () => waitFirst({ cancelOther: true } as Loose)],
  ];

  it.each(cases)('%s rejects %p, suggesting %p, and starts nothing', (owner, key, near, call) => {
    const before = spawnedCount();
    let thrown: unknown;
    try {
      call();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    const message = (thrown as Error).message;
    expect(message).toContain(`unknown option '${key}' for ${owner}`);
    if (near !== undefined) expect(message).toContain(`did you mean '${near}'?`);
    else expect(message).toContain('the options are');
    expect(spawnedCount()).toBe(before);
  });

  it('every documented option is still accepted', async () => {
    const common = { maxWorkers: 1, threadNamePrefix: 'p', initializer: () => undefined, initArgs: [] };
    const pool = { maxTasksPerChild: 5, idleTimeout: 1000, onWorkerExit: 'respawn' as const, abortGraceMs: 100 };
    h.track(new ThreadPoolExecutor({ ...common, ...pool, resourceLimits: {} }));
    h.track(new ProcessPoolExecutor({ ...common, ...pool, execArgv: [], env: process.env }));
    h.track(new AsyncExecutor({ ...common, abortGraceMs: 10, taskContext: false }));
    h.track(new SchedulerExecutor({ maxWorkers: 1, threadNamePrefix: 's', initializer: () => undefined, initArgs: [], scheduler }));
    await h.track(new ThreadsJsExecutor({ workerModule: threadsWorker, maxWorkers: 1, threadNamePrefix: 't' })).shutdown({
      wait: true,
      cancelFutures: false,
      timeout: 1000,
    });
    const e = executor();
    await e.submitWith({ signal: new AbortController().signal, timeout: 1000, transfer: [] }, () => 1);
    e.map((n: number) => n, [1], { timeout: 1000, chunksize: 1, buffersize: 1 }).subscribe();
    e.streamWith({ highWaterMark: 2 }, () => [1]).subscribe();
    await wait([done()], { timeout: 1000, returnWhen: FIRST_COMPLETED });
    asCompleted([done()], { timeout: 1000 }).subscribe();
    mapOrdered(e, (n: number) => n, { maxInFlight: 1, chunksize: 1, timeout: 1000 });
    asCompletedOperator({ timeout: 1000 });
    waitFirst({ cancelOthers: true, timeout: 1000 });
  });
});
