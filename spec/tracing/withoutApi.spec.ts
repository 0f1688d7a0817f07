import { AsyncExecutor } from '../../src/executors/AsyncExecutor';

// A project without `@opentelemetry/api`: requiring it fails as Node fails for a package that is not installed.
jest.mock('@opentelemetry/api', () => {
  throw Object.assign(new Error("Cannot find module '@opentelemetry/api'"), { code: 'MODULE_NOT_FOUND' });
});

describe('tasks without @opentelemetry/api installed', () => {
  it('run as usual, and nothing is attached to them', async () => {
    const executor = new AsyncExecutor({ maxWorkers: 1 });
    try {
      const blocker = executor.submit(() => new Promise((resolve) => setTimeout(resolve, 20)));
      const queued = executor.submit((n: number) => n + 1, 1);
      expect(queued._listenerCount()).toBe(0);
      await expect(queued).resolves.toBe(2);
      await expect(executor.submit(() => 'again')).resolves.toBe('again');
      await blocker;
    } finally {
      await executor.shutdown();
    }
  });
});
