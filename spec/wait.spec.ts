import { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, Future, wait } from '../src';
import { failLater, finishLater, finished, listenerCount } from './helpers/futures';

describe('wait()', () => {
  it('ALL_COMPLETED (the default) returns once every future is done', async () => {
    const futures = [finishLater('a', 20), finishLater('b', 5), finished('c')];
    const { done, notDone } = await wait(futures);
    expect(done).toEqual(new Set(futures));
    expect(notDone.size).toBe(0);
  });

  it('FIRST_COMPLETED returns as soon as one future is done', async () => {
    const slow = new Future<string>();
    const fast = finishLater('fast', 5);
    const { done, notDone } = await wait([slow, fast], { returnWhen: FIRST_COMPLETED });
    expect(done).toEqual(new Set([fast]));
    expect(notDone).toEqual(new Set([slow]));
    slow.cancel();
  });

  it('FIRST_COMPLETED returns at once if a future is already done', async () => {
    const pending = new Future<number>();
    const ready = finished(1);
    const { done, notDone } = await wait([pending, ready], { returnWhen: FIRST_COMPLETED });
    expect([...done]).toEqual([ready]);
    expect([...notDone]).toEqual([pending]);
  });

  it('counts a cancelled future as completed', async () => {
    const pending = new Future<number>();
    setTimeout(() => pending.cancel(), 5);
    const { done } = await wait([pending, new Future<number>()], { returnWhen: FIRST_COMPLETED });
    expect([...done]).toEqual([pending]);
  });

  it('FIRST_EXCEPTION returns when a future fails, not when one merely finishes', async () => {
    const ok = finishLater('ok', 2);
    const bad = failLater(new Error('bad'), 15);
    const never = new Future<string>();
    const { done, notDone } = await wait([ok, bad, never], { returnWhen: FIRST_EXCEPTION });
    expect(done).toEqual(new Set([ok, bad]));
    expect(notDone).toEqual(new Set([never]));
  });

  it('FIRST_EXCEPTION does not count a cancelled future as an exception', async () => {
    const cancelled = new Future<number>();
    cancelled.cancel();
    const later = finishLater(1, 10);
    const { done, notDone } = await wait([cancelled, later], { returnWhen: FIRST_EXCEPTION });
    expect(done).toEqual(new Set([cancelled, later]));
    expect(notDone.size).toBe(0);
  });

  it('FIRST_EXCEPTION behaves as ALL_COMPLETED when nothing fails', async () => {
    const futures = [finishLater(1, 5), finishLater(2, 10)];
    const { done, notDone } = await wait(futures, { returnWhen: FIRST_EXCEPTION });
    expect(done.size).toBe(2);
    expect(notDone.size).toBe(0);
  });

  it('FIRST_EXCEPTION returns at once when a done future already failed', async () => {
    const failed = new Future<number>();
    failed.setException(new Error('x'));
    const pending = new Future<number>();
    const { done, notDone } = await wait([failed, pending], { returnWhen: FIRST_EXCEPTION });
    expect([...done]).toEqual([failed]);
    expect([...notDone]).toEqual([pending]);
  });

  it('returns the partition at the timeout instead of throwing', async () => {
    const quick = finishLater('quick', 1);
    const never = new Future<string>();
    const { done, notDone } = await wait([quick, never], { timeout: 30 });
    expect([...done]).toEqual([quick]);
    expect([...notDone]).toEqual([never]);
  });

  it('a zero timeout returns the current partition at once', async () => {
    const ready = finished(1);
    const pending = new Future<number>();
    const { done, notDone } = await wait([ready, pending], { timeout: 0 });
    expect([...done]).toEqual([ready]);
    expect([...notDone]).toEqual([pending]);
  });

  it('counts duplicated futures once and accepts any iterable (a Set, a generator)', async () => {
    const a = finished(1);
    const b = finishLater(2, 2);
    function* futures() {
      yield a;
      yield b;
      yield a;
    }
    const { done } = await wait(futures());
    expect(done).toEqual(new Set([a, b]));
    expect((await wait(new Set([a]))).done.size).toBe(1);
  });

  it('sorts a future that completes while the iterable is being read as done, listed once, without waiting', async () => {
    const early = new Future<number>();
    const other = new Future<number>();
    function* futures(): Generator<Future<number>> {
      yield early;
      early.setResult(1); // completes after it was sorted as pending
      yield other;
      other.setResult(2);
      yield early; // listed again, now done
    }
    const { done, notDone } = await wait(futures(), { timeout: 1000 });
    expect(done).toEqual(new Set([early, other]));
    expect(notDone.size).toBe(0);
  });

  it('resolves with empty sets for no futures', async () => {
    const { done, notDone } = await wait([]);
    expect([done.size, notDone.size]).toEqual([0, 0]);
  });

  it('removes its listeners from every future when it returns', async () => {
    const never = [new Future<number>(), new Future<number>()];
    await wait(never, { timeout: 5 });
    const first = finishLater(1, 1);
    await wait([first, ...never], { returnWhen: FIRST_COMPLETED });
    expect(never.map(listenerCount)).toEqual([0, 0]);
  });

  it('rejects bad input with a TypeError or RangeError', () => {
    expect(() => wait(42 as never)).toThrow(TypeError);
    expect(() => wait([Promise.resolve(1)] as never)).toThrow(TypeError);
    expect(() => wait([], { returnWhen: 'FIRST' as never })).toThrow(TypeError);
    expect(() => wait([], { timeout: -5 })).toThrow(RangeError);
    expect(() => wait([], 'ALL_COMPLETED' as never)).toThrow(TypeError);
    expect(ALL_COMPLETED).toBe('ALL_COMPLETED');
  });
});
