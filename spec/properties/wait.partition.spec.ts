import fc from 'fast-check';
import { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, wait, type ReturnWhen } from '../../src';
import { executorKinds } from './support/executorKinds';
import { TaskFailure } from './support/InProcessGate';
import { budget, params } from './support/params';
import { indicesOf, waitOracle } from './support/waitOracle';

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

            const oracle = waitOracle(futures, returnWhen, (i) => plan[i] === 'failure');
            const result = wait(futures, { returnWhen, timeout: withTimeout ? 20 : undefined });
            const { done, notDone } = await s.waitFor(result);
            let expected = oracle.atCondition;
            if (expected === undefined) {
              // The condition never held: only a timeout may end the wait, and only once nothing else could happen.
              expect({ withTimeout, stepsLeft: s.count() }).toEqual({ withTimeout: true, stepsLeft: 0 });
              expected = oracle.doneNow();
            }

            expect(indicesOf(futures, done)).toEqual(indicesOf(futures, expected));
            expect(indicesOf(futures, notDone)).toEqual(futures.map((_, i) => i).filter((i) => !expected.has(futures[i]!)));
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
