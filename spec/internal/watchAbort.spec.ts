import { getEventListeners } from 'node:events';
import { AsyncExecutor } from '../../src/executors/AsyncExecutor';
import { watchAbort } from '../../src/internal/watchAbort';

const listeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

describe('watchAbort', () => {
  it('gives a signal one listener however many watch it, and runs the callbacks in order once', () => {
    const controller = new AbortController();
    const calls: number[] = [];
    const unwatch = [0, 1, 2, 3].map((n) => watchAbort(controller.signal, () => calls.push(n)));
    expect(listeners(controller.signal)).toBe(1);
    unwatch[1]!();
    controller.abort();
    controller.abort();
    expect(calls).toEqual([0, 2, 3]);
    expect(listeners(controller.signal)).toBe(0);
  });

  it('removes the listener when the last watcher stops; a later watch adds it again', () => {
    const controller = new AbortController();
    const first = watchAbort(controller.signal, () => undefined);
    const second = watchAbort(controller.signal, () => undefined);
    first();
    expect(listeners(controller.signal)).toBe(1);
    second();
    second(); // twice is harmless
    expect(listeners(controller.signal)).toBe(0);
    let fired = false;
    watchAbort(controller.signal, () => (fired = true));
    expect(listeners(controller.signal)).toBe(1);
    controller.abort();
    expect(fired).toBe(true);
  });

  it('the same callback watched twice runs twice', () => {
    const controller = new AbortController();
    let count = 0;
    const callback = () => count++;
    watchAbort(controller.signal, callback);
    watchAbort(controller.signal, callback);
    controller.abort();
    expect(count).toBe(2);
  });
});

describe('tasks sharing one AbortSignal', () => {
  it('add one listener in all, warn of no leak, and all stop when it aborts', async () => {
    const warnings: string[] = [];
    const listen = (warning: Error) => warnings.push(warning.name);
    process.on('warning', listen);
    const executor = new AsyncExecutor({ maxWorkers: 2 });
    try {
      const controller = new AbortController();
      const gate = new Promise<void>((resolve) => setTimeout(resolve, 50));
      const futures = Array.from({ length: 200 }, (_, i) => executor.submitWith({ signal: controller.signal }, () => gate.then(() => i)));
      expect(listeners(controller.signal)).toBe(1);
      controller.abort(new Error('stop the batch'));
      const errors = await Promise.all(futures.map((future) => future.exception(10_000).catch((error: unknown) => error)));
      expect(errors.every((error) => error instanceof Error)).toBe(true);
      expect(listeners(controller.signal)).toBe(0);

      const finished = new AbortController();
      const done = Array.from({ length: 200 }, (_, i) => executor.submitWith({ signal: finished.signal }, async () => i));
      await expect(Promise.all(done.map((future) => future.result(10_000)))).resolves.toHaveLength(200);
      expect(listeners(finished.signal)).toBe(0);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', listen);
      await executor.shutdown({ cancelFutures: true });
    }
  });
});
