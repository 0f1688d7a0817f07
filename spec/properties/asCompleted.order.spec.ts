import fc from 'fast-check';
import { asCompleted, type Future } from '../../src';
import { SchedulerExecutor, assertExecutorInvariants } from '../../src/testing';
import { executorKinds } from './support/executorKinds';
import { budget, params } from './support/params';

// asCompleted yields every future exactly once: those already done when it is subscribed first (in input order), then
// the others in the order they complete, cancellation counting as completion, duplicates in the input yielded once.
// Completion order is whatever fc.scheduler chooses; the truth is taken from done callbacks added beforehand.
describe.each(executorKinds)('asCompleted over $name futures', (kind) => {
  it(
    'yields each future once, already-done first, then in completion order',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.scheduler(),
          fc.integer({ min: 1, max: 8 }),
          fc.integer({ min: 1, max: 4 }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
          fc.array(fc.nat(), { maxLength: 3 }),
          fc.nat({ max: 10 }),
          async (s, count, maxWorkers, picks, cancels, stepsBefore) => {
            const { executor } = kind.create(maxWorkers, s);
            const futures = Array.from({ length: count }, (_, i) =>
              executor.submit(async () => {
                await s.schedule(Promise.resolve(), `body(${i})`);
                return i;
              }),
            );
            const completionOrder: Future<number>[] = [];
            for (const future of futures) future.addDoneCallback((f) => completionOrder.push(f));
            for (const pick of cancels) {
              void s.schedule(Promise.resolve(), `cancel(${pick % count})`).then(() => futures[pick % count]!.cancel());
            }
            for (let i = 0; i < stepsBefore && s.count() > 0; i++) await s.waitNext(1);

            const watched = picks.map((pick) => futures[pick % count]!);
            const unique = [...new Set(watched)];
            const doneBefore = unique.filter((f) => f.done());
            const yielded: Future<number>[] = [];
            const completed = new Promise<void>((resolve, reject) =>
              asCompleted(watched).subscribe({ next: (f) => yielded.push(f), error: reject, complete: resolve }),
            );
            await s.waitFor(completed);

            const later = completionOrder.filter((f) => unique.includes(f) && !doneBefore.includes(f));
            expect(yielded).toEqual([...doneBefore, ...later]);
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
