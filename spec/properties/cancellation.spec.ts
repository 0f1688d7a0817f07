import fc from 'fast-check';
import type { FutureState } from '../../src';
import { SchedulerExecutor, assertExecutorInvariants } from '../../src/testing';
import { executorKinds } from './support/executorKinds';
import { recordFutures } from './support/recordFutures';
import { budget, params } from './support/params';

type Action = { kind: 'cancel'; pick: number } | { kind: 'shutdown' } | { kind: 'unsubscribe'; pick: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.nat().map((pick) => ({ kind: 'cancel' as const, pick })),
  fc.constant({ kind: 'shutdown' as const }),
  fc.nat().map((pick) => ({ kind: 'unsubscribe' as const, pick })),
);

// Cancellation under any interleaving (fc.scheduler orders task bodies and the user's actions): cancel() returns true
// exactly when the future was pending (or already cancelled) at that moment; shutdown({ cancelFutures: true }) cancels
// exactly the futures that were pending; unsubscribing from defer() cancels a queued task and aborts a running one;
// a cancelled task never starts; every future (defer()'s included) ends done; every done callback runs exactly once.
describe.each(executorKinds)('cancellation on $name', (kind) => {
  it(
    'is exact for cancel(), shutdown({ cancelFutures }) and defer() unsubscription, and never starts a cancelled task',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.scheduler(),
          fc.integer({ min: 1, max: 8 }),
          fc.integer({ min: 1, max: 3 }),
          fc.array(action, { maxLength: 6 }),
          async (s, count, maxWorkers, actions) => {
            const { executor } = kind.create(maxWorkers, s);
            const started = new Set<number>();
            const body = async (i: number) => {
              started.add(i);
              await s.schedule(Promise.resolve(), `body(${i})`);
              return i;
            };
            const calls = new Map<unknown, number>();
            const all = recordFutures(executor, (f) => f.addDoneCallback(() => calls.set(f, (calls.get(f) ?? 0) + 1)));
            const futures = Array.from({ length: count }, (_, i) => executor.submit(body, i));
            const deferred = Array.from({ length: 2 }, (_, i) => executor.defer(body, count + i).subscribe({ error: () => {} }));
            const problems: string[] = [];
            for (const act of actions) {
              void s.schedule(Promise.resolve(), describeAction(act, count)).then(() => {
                if (act.kind === 'cancel') {
                  const future = futures[act.pick % count]!;
                  const before = future.state;
                  const returned = future.cancel();
                  const expected = before === 'PENDING' || before === 'CANCELLED';
                  if (returned !== expected) problems.push(`cancel() of a ${before} future returned ${returned}`);
                  if (future.state !== (expected ? 'CANCELLED' : before)) problems.push(`cancel() left ${future.state}`);
                } else if (act.kind === 'shutdown') {
                  const before: FutureState[] = futures.map((f) => f.state);
                  void executor.shutdown({ cancelFutures: true, wait: false });
                  futures.forEach((f, i) => {
                    const expected = before[i] === 'PENDING' ? 'CANCELLED' : before[i];
                    if (f.state !== expected) problems.push(`shutdown turned a ${before[i]} future into ${f.state}`);
                  });
                } else {
                  deferred[act.pick % deferred.length]!.unsubscribe();
                }
              });
            }
            await s.waitIdle();
            await s.waitFor(executor.shutdown());

            expect(problems).toEqual([]);
            expect(all.filter((f) => !f.done()).map(String)).toEqual([]);
            expect(all.map((f) => calls.get(f))).toEqual(all.map(() => 1));
            const ranCancelled = all.flatMap((f, i) => (f.cancelled() && started.has(i) ? [`body(${i})`] : []));
            expect(ranCancelled).toEqual([]);
            if (executor instanceof SchedulerExecutor) assertExecutorInvariants(executor);
          },
        ),
        params(kind.runs),
      );
    },
    budget(20_000),
  );
});

function describeAction(act: Action, count: number): string {
  if (act.kind === 'cancel') return `user cancel(#${act.pick % count})`;
  if (act.kind === 'shutdown') return 'user shutdown({ cancelFutures: true })';
  return `user unsubscribe(defer #${act.pick % 2})`;
}
