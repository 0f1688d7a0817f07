/** `console.log(executor)` prints a short summary, not the executor's internals (queues, workers, registries). */
import { inspect } from 'node:util';
import { join } from 'node:path';
import { AsyncExecutor } from '../../src/executors/AsyncExecutor';
import type { Executor } from '../../src/executors/Executor';
import { ThreadsJsExecutor } from '../../src/executors/ThreadsJsExecutor';
import { SchedulerExecutor } from '../../src/testing/SchedulerExecutor';
import { poolKinds, poolTracker } from './poolKinds';

const oneLine = (executor: Executor) => inspect(executor, { breakLength: Infinity });

describe('console.log(executor)', () => {
  const pools = poolTracker();
  afterEach(() => pools.cleanup());

  it('AsyncExecutor: kind, name prefix, maxWorkers, state and its queued and running counts', async () => {
    const executor = new AsyncExecutor({ maxWorkers: 1, threadNamePrefix: 'io' });
    const running = executor.submit(() => new Promise((resolve) => setTimeout(resolve, 50)));
    executor.submit(() => 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(running.running()).toBe(true);
    expect(oneLine(executor)).toBe("AsyncExecutor { namePrefix: 'io', maxWorkers: 1, state: 'running', queued: 1, running: 1 }");
    await executor.shutdown();
    expect(oneLine(executor)).toBe("AsyncExecutor { namePrefix: 'io', maxWorkers: 1, state: 'shutdown', queued: 0, running: 0 }");
  });

  it.each(poolKinds)('$name: state running, then broken, with queued, running and worker counts', async (kind) => {
    const pool = pools.make(kind, { maxWorkers: 1, threadNamePrefix: 'cpu' });
    await pool.submit(() => 1);
    const name = kind.name;
    expect(oneLine(pool)).toBe(`${name} { namePrefix: 'cpu', maxWorkers: 1, state: 'running', queued: 0, running: 0, workers: 1 }`);
    await pool.submit(() => process.exit(3)).exception(10_000);
    expect(oneLine(pool)).toMatch(new RegExp(`^${name} \\{ namePrefix: 'cpu', maxWorkers: 1, state: 'broken', `));
  });

  it('ThreadsJsExecutor and SchedulerExecutor print the same short form', async () => {
    const threadsJs = new ThreadsJsExecutor({ workerModule: join(__dirname, '..', 'fixtures', 'threadsWorker.cjs'), maxWorkers: 1 });
    expect(oneLine(threadsJs)).toMatch(/^ThreadsJsExecutor \{ namePrefix: 'ThreadsJsExecutor-\d+', maxWorkers: 1, state: 'running', queued: 0, running: 0 \}$/);
    await threadsJs.shutdown();
    const scheduled = new SchedulerExecutor({ maxWorkers: 2, scheduler: { schedule: (p) => p } });
    expect(oneLine(scheduled)).toMatch(/^SchedulerExecutor \{ namePrefix: 'SchedulerExecutor-\d+', maxWorkers: 2, state: 'running', queued: 0, running: 0 \}$/);
  });

  it('a future of any executor prints without its executor', async () => {
    const executor = new AsyncExecutor({ maxWorkers: 1 });
    const future = executor.submit(() => new Promise((resolve) => setTimeout(resolve, 10)));
    expect(inspect(future)).toBe("Future { state: 'PENDING' }");
    await executor.shutdown();
    expect(inspect(future)).toBe("Future { state: 'FINISHED', result: undefined }");
  });
});
