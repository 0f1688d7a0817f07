import fc from 'fast-check';
import { SchedulerExecutor, assertExecutorInvariants } from '../../src/testing';
import type { MapOptions } from '../../src';
import { executorKinds } from './support/executorKinds';
import { TaskFailure } from './support/InProcessGate';
import { budget, params } from './support/params';

// Executor.map keeps input order whatever order the tasks finish in (fc.scheduler decides every completion), for any
// maxWorkers, buffersize and chunksize, read by subscribe(), by for await, or by several next() calls at once (the
// async-iterator protocol allows it; with chunks this once returned wrong values); zips its iterables (shortest wins);
// raises the first failure at its position (a chunk fails as a whole); and with buffersize never runs more than
// (buffersize + calls the reader has out) * chunksize tasks ahead of what its reader was handed.
describe.each(executorKinds)('$name.map', (kind) => {
  it(
    'yields results in input order, errors at the first failure, and stays within buffersize of its reader',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.scheduler(),
          fc.array(fc.integer({ min: -99, max: 99 }), { maxLength: 12 }),
          fc.integer({ min: 1, max: 4 }),
          fc.record({ buffersize: fc.integer({ min: 1, max: 4 }), chunksize: fc.integer({ min: 1, max: 4 }) }, { requiredKeys: [] }),
          fc.option(fc.nat({ max: 12 }), { nil: undefined }),
          fc.constantFrom('subscribe', 'for await', 'concurrent next()'),
          async (s, xs, maxWorkers, options: MapOptions, failAt, reading) => {
            const { executor } = kind.create(maxWorkers, s);
            let started = 0;
            let read = 0;
            let mostAhead = 0;
            // A reader with three next() calls out asks for up to three values more than it has been handed.
            const asked = reading === 'concurrent next()' ? 3 : 1;
            const ahead = options.buffersize === undefined ? Infinity : (options.buffersize + asked) * (options.chunksize ?? 1);
            const task = async (i: number, x: number) => {
              started++;
              await s.schedule(Promise.resolve(), `body(${i})`);
              if (i === failAt) throw new TaskFailure(i);
              return x * 2;
            };
            const indices = xs.map((_, i) => i);
            const results = executor.map(task, indices, [...xs, 1000, 1001], options);
            const values: number[] = [];
            const onValue = (value: number) => {
              values.push(value);
              read++;
              mostAhead = Math.max(mostAhead, started - read);
            };
            const consumed =
              reading === 'subscribe'
                ? new Promise<void>((resolve, reject) => results.subscribe({ next: onValue, error: reject, complete: resolve }))
                : reading === 'for await'
                  ? (async () => {
                      for await (const value of results) onValue(value);
                    })()
                  : readConcurrently(results[Symbol.asyncIterator](), onValue);
            const error = await s.waitFor(consumed.then(() => undefined, (e: unknown) => e));

            const chunk = options.chunksize ?? 1;
            const failing = failAt !== undefined && failAt < xs.length;
            const expectedCount = failing ? failAt - (failAt % chunk) : xs.length;
            expect(values).toEqual(xs.slice(0, expectedCount).map((x) => x * 2));
            expect(error instanceof TaskFailure ? error.id : error).toBe(failing ? failAt : undefined);
            expect(mostAhead).toBeLessThanOrEqual(ahead);
            await s.waitFor(executor.shutdown());
            if (executor instanceof SchedulerExecutor) assertExecutorInvariants(executor);
          },
        ),
        params(kind.runs),
      );
    },
    budget(20_000),
  );
});

/** Reads an async iterator three next() calls at a time, as the protocol allows, handing values over in order. */
async function readConcurrently<T>(iterator: AsyncIterator<T>, onValue: (value: T) => void): Promise<void> {
  for (;;) {
    const batch = await Promise.allSettled([iterator.next(), iterator.next(), iterator.next()]);
    for (const step of batch) {
      if (step.status === 'rejected') throw step.reason;
      if (step.value.done) return;
      onValue(step.value.value);
    }
  }
}
