import fc from 'fast-check';
import { AsyncExecutor, ThreadPoolExecutor, wait, type Executor } from '../../src';
import { WaitingQueue } from '../../src/internal/WaitingQueue';
import { budget, params } from './support/params';

// Priority order with FIFO ties: whatever the priorities and however pushes and shifts interleave, the waiting queue
// hands out the lowest priority number first and, among equals, the oldest; an executor with one worker starts its
// waiting tasks in that order.

interface Entry {
  readonly id: number;
  readonly priority: number | undefined;
}

// Few distinct priorities, so that ties are common; the extremes of the range included.
const priority = fc.constantFrom(undefined, 0, 1, 2, 7, 2_097_152);
const operation = fc.oneof(
  { weight: 3, arbitrary: priority.map((p) => ({ push: p })) },
  { weight: 2, arbitrary: fc.constant({ push: null }) }, // null: shift
);

/** The entry the rules say goes next: the lowest priority (none is 0), then the oldest. */
function firstOf(model: Entry[]): number {
  let best = 0;
  for (let i = 1; i < model.length; i++) if ((model[i]!.priority ?? 0) < (model[best]!.priority ?? 0)) best = i;
  return best;
}

describe('WaitingQueue', () => {
  it('shifts lowest priority first and FIFO within a priority, across any interleaving of pushes and shifts', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 200 }), (operations) => {
        const queue = new WaitingQueue<Entry>((entry) => entry.priority);
        const model: Entry[] = [];
        let id = 0;
        for (const { push } of operations) {
          if (push !== null) {
            const entry = { id: id++, priority: push };
            queue.push(entry);
            model.push(entry);
          } else {
            const expected = model.length === 0 ? undefined : model.splice(firstOf(model), 1)[0];
            expect(queue.peek()).toBe(expected);
            expect(queue.shift()).toBe(expected);
          }
          expect(queue.length).toBe(model.length);
        }
        const rest: Entry[] = [];
        while (model.length > 0) rest.push(model.splice(firstOf(model), 1)[0]!);
        expect(queue.drain()).toEqual(rest);
        expect(queue.length).toBe(0);
      }),
      params(300),
    );
  });
});

/** Resolves with `tag` after `ms`; self-contained, so a worker thread can run it. */
const sleepThen = (ms: number, tag: number) => new Promise<number>((resolve) => setTimeout(resolve, ms, tag));

describe.each([
  { name: 'AsyncExecutor', runs: 60, make: (): Executor => new AsyncExecutor({ maxWorkers: 1 }) },
  { name: 'ThreadPoolExecutor', runs: 10, make: (): Executor => new ThreadPoolExecutor({ maxWorkers: 1 }) },
])('$name', ({ runs, make }) => {
  const executor = make();
  afterAll(() => executor.shutdown({ cancelFutures: true, timeout: 2000 }));

  it(
    'with one worker busy, waiting tasks run in priority order with FIFO ties',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(priority, { minLength: 1, maxLength: 12 }), async (priorities) => {
          const blocker = executor.submit(sleepThen, 5, -1);
          const order: number[] = [];
          const futures = priorities.map((p, id) => {
            const future = executor.submitWith({ priority: p }, sleepThen, 0, id);
            future.addDoneCallback(() => order.push(id));
            return future;
          });
          await wait([blocker, ...futures], { timeout: 4000 });
          const entries = priorities.map((p, id) => ({ id, priority: p }));
          const expected: number[] = [];
          while (entries.length > 0) expected.push(entries.splice(firstOf(entries), 1)[0]!.id);
          expect(order).toEqual(expected);
        }),
        params(runs, 5000),
      );
    },
    budget(60_000),
  );
});
