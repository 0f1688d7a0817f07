/**
 * Row 13: done callbacks that throw, or that submit more work in chains 100 deep: later callbacks still run, no
 * exception escapes, and the executor keeps working.
 */
import { AsyncExecutor } from '../../src/executors/AsyncExecutor';
import type { Executor } from '../../src/executors/Executor';
import type { Future } from '../../src/Future';
import { bounded, poolKinds, reliabilitySuite, WAIT_MS } from './harness';

const kinds: Array<{ name: string; make: (h: ReturnType<typeof reliabilitySuite>) => Executor }> = [
  ...poolKinds.map((kind) => ({ name: kind.name, make: (h: ReturnType<typeof reliabilitySuite>) => h.shared(kind, { maxWorkers: 2 }) })),
  { name: 'AsyncExecutor', make: (h: ReturnType<typeof reliabilitySuite>) => h.track(new AsyncExecutor({ maxWorkers: 2 })) },
];

describe.each(kinds)('$name row 13: done callbacks', ({ make }) => {
  const h = reliabilitySuite();
  // Callback errors are reported through process.emitWarning: record them (and keep them off the test output).
  let warned: jest.SpyInstance;
  const callbackWarnings = () =>
    warned.mock.calls.filter(([, options]) => (options as { type?: string } | undefined)?.type === 'FutureCallbackError');
  beforeEach(() => {
    warned = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  });
  afterEach(() => warned.mockRestore());

  it('a callback that throws does not stop the later ones, and is reported as a warning, not an uncaught error', async () => {
    const executor = make(h);
    const order: string[] = [];
    const future = executor.submit((n: number) => n + 1, 1);
    future.addDoneCallback(() => {
      order.push('first');
      throw new Error('callback exploded');
    });
    future.addDoneCallback(() => order.push('second'));
    future.addDoneCallback(() => {
      order.push('third');
      throw 'a string';
    });
    future.addDoneCallback(() => order.push('fourth'));
    await expect(future.result(WAIT_MS)).resolves.toBe(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['first', 'second', 'third', 'fourth']);
    // Added after completion: runs at once, and a throw there harms nothing either.
    expect(() =>
      future.addDoneCallback(() => {
        throw new Error('late callback');
      }),
    ).not.toThrow();
    expect(callbackWarnings()).toHaveLength(3);
    await expect(executor.submit((n: number) => n * 3, 3).result(WAIT_MS)).resolves.toBe(9);
  });

  it('callbacks that submit the next task, 100 deep, run the whole chain in order', async () => {
    const executor = make(h);
    const values: number[] = [];
    const chain = new Promise<void>((resolve, reject) => {
      const step = (future: Future<number>) => {
        future.addDoneCallback((done) => {
          done.result().then((value) => {
            values.push(value);
            if (value === 100) resolve();
            else step(executor.submit((n: number) => n + 1, value));
          }, reject);
        });
      };
      step(executor.submit((n: number) => n + 1, 0));
    });
    await bounded(chain, WAIT_MS, 'a chain 100 deep');
    expect(values).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('callbacks that submit synchronously inside the callback, 100 deep, every other one throwing', async () => {
    const executor = make(h);
    const seen: number[] = [];
    let last!: Future<number>;
    const done = new Promise<void>((resolve) => {
      const submitNext = (n: number) => {
        const future = executor.submit((x: number) => x, n);
        last = future;
        future.addDoneCallback(() => {
          seen.push(n);
          if (n === 100) return resolve();
          submitNext(n + 1);
          if (n % 2 === 0) throw new Error(`callback ${n}`);
        });
      };
      submitNext(1);
    });
    await bounded(done, WAIT_MS, 'a throwing chain 100 deep');
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    await expect(last.result()).resolves.toBe(100);
    await expect(executor.submit(() => 'still working').result(WAIT_MS)).resolves.toBe('still working');
  });
});
