import fc from 'fast-check';
import { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, wait, type Future, type ReturnWhen } from '../../src';
import { executorKinds } from './support/executorKinds';
import { TaskFailure } from './support/InProcessGate';
import { budget, params } from './support/params';

type Fate = 'value' | 'failure' | 'cancel' | 'never';

// wait() returns exactly when its returnWhen condition first holds, with the partition as it stood at that moment:
// `done` holds every watched future that was done and nothing else, `notDone` the rest, no future in both. With a
// timeout and a condition that cannot hold (some tasks never end), it returns the partition at the timeout. The truth
// is taken from done callbacks added before the wait; completion order is fc.scheduler's.
describe.each(executorKinds)('wait over $name futures', (kind) => {
  it(
    'returns the exact partition for FIRST_COMPLETED, FIRST_EXCEPTION and ALL_COMPLETED, with and without timeout',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.scheduler(),
          fc.array(fc.constantFrom<Fate>('value', 'failure', 'cancel', 'never'), { minLength: 1, maxLength: 8 }),
          fc.integer({ min: 1, max: 4 }),
          fc.constantFrom<ReturnWhen>(FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED),
          fc.boolean(),
          async (s, fates, maxWorkers, returnWhen, withTimeout) => {
            // Without a timeout a wait on a task that never ends would never return: those tasks do end, then.
            const plan = withTimeout ? fates : fates.map((fate) => (fate === 'never' ? 'value' : fate));
            const { executor } = kind.create(maxWorkers, s);
            let releaseNever = () => {};
            const never = new Promise<void>((resolve) => (releaseNever = resolve));
            const futures = plan.map((fate, i) =>
              executor.submit(async () => {
                await (fate === 'never' ? never : s.schedule(Promise.resolve(), `body(${i})`));
                if (fate === 'failure') throw new TaskFailure(i);
                return i;
              }),
            );
            plan.forEach((fate, i) => {
              if (fate === 'cancel') void s.schedule(Promise.resolve(), `cancel(${i})`).then(() => futures[i]!.cancel());
            });

            const doneSoFar = new Set<Future<number>>();
            let expected: Set<Future<number>> | undefined;
            let failed = false;
            const check = () => {
              const holds =
                doneSoFar.size === futures.length ||
                (returnWhen === FIRST_COMPLETED && doneSoFar.size > 0) ||
                (returnWhen === FIRST_EXCEPTION && failed);
              if (holds && expected === undefined) expected = new Set(doneSoFar);
            };
            for (const future of futures) {
              future.addDoneCallback((f) => {
                doneSoFar.add(f);
                failed ||= !f.cancelled() && plan[futures.indexOf(f)] === 'failure';
                check();
              });
            }
            const result = wait(futures, { returnWhen, timeout: withTimeout ? 20 : undefined });
            const { done, notDone } = await s.waitFor(result);
            if (expected === undefined) {
              // The condition never held: only a timeout may end the wait, and only once nothing else could happen.
              expect({ withTimeout, stepsLeft: s.count() }).toEqual({ withTimeout: true, stepsLeft: 0 });
              expected = new Set(doneSoFar);
            }

            expect(sorted(futures, done)).toEqual(sorted(futures, expected));
            expect(sorted(futures, notDone)).toEqual(futures.map((_, i) => i).filter((i) => !expected!.has(futures[i]!)));
            releaseNever();
            await s.waitFor(executor.shutdown());
          },
        ),
        params(kind.runs),
      );
    },
    budget(20_000),
  );
});

function sorted<T>(all: Future<T>[], some: Set<Future<T>>): number[] {
  return [...some].map((f) => all.indexOf(f)).sort((a, b) => a - b);
}
