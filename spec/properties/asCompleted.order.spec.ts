import fc from 'fast-check';
import { Future, asCompleted } from '../../src';
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

// Regression: a consumer that cancels other watched futures from inside next() (re-entrantly, while asCompleted is
// still walking its input) once made the stream complete early, dropping the futures after the re-entrant one.
describe('asCompleted with a consumer that cancels watched futures as it reads', () => {
  it(
    'still yields every future exactly once and then completes',
    async () => {
      await fc.assert(
        fc.property(
          fc.array(fc.constantFrom('done', 'pending'), { minLength: 1, maxLength: 8 }),
          fc.array(fc.nat(), { maxLength: 8 }),
          (kinds, cancels) => {
            const futures = kinds.map((kind) => {
              const future = new Future<number>();
              if (kind === 'done') future.setResult(1);
              return future;
            });
            const yielded: Future<number>[] = [];
            let completed = false;
            let reads = 0;
            asCompleted(futures).subscribe({
              next: (future) => {
                yielded.push(future);
                const pick = cancels[reads++];
                if (pick !== undefined) futures[pick % futures.length]!.cancel();
              },
              complete: () => (completed = true),
            });
            for (const future of futures) future.cancel();
            expect(new Set(yielded).size).toBe(yielded.length);
            expect(yielded.length).toBe(futures.length);
            expect(completed).toBe(true);
          },
        ),
        params(300),
      );
    },
    budget(10_000),
  );
});

// Regression: two next() calls made at once on asCompleted's async iterator (allowed by the protocol) left the first
// one pending forever.
describe('asCompleted read by several next() calls at once', () => {
  it(
    'settles every call, in order, each future once',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 4 }), async (count, atOnce) => {
          const futures = Array.from({ length: count }, () => new Future<number>());
          const iterator = asCompleted(futures)[Symbol.asyncIterator]();
          const calls = Array.from({ length: count + atOnce }, () => iterator.next());
          futures.forEach((future, i) => future.setResult(i));
          const steps = await Promise.all(calls);
          expect(steps.map((step) => step.value)).toEqual([...futures, ...Array(atOnce).fill(undefined)]);
          expect(steps.map((step) => step.done)).toEqual([...futures.map(() => false), ...Array(atOnce).fill(true)]);
        }),
        params(200, 250), // a hang fails its case in 250 ms, so shrinking it fits the test's time
      );
    },
    budget(10_000),
  );
});
