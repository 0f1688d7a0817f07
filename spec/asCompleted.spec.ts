import { lastValueFrom, take, toArray } from 'rxjs';
import { Future, TimeoutError, asCompleted } from '../src';
import { failLater, finishLater, finished, listenerCount } from './helpers/futures';

describe('asCompleted()', () => {
  it('yields already-done futures first, then the rest in completion order', async () => {
    const slow = finishLater('slow', 30);
    const ready = finished('ready');
    const fast = finishLater('fast', 5);
    const order: string[] = [];
    for await (const future of asCompleted([slow, ready, fast])) order.push(await future);
    expect(order).toEqual(['ready', 'fast', 'slow']);
  });

  it('yields failed and cancelled futures too, each once', async () => {
    const failed = failLater(new Error('x'), 5);
    const cancelled = new Future<string>();
    setTimeout(() => cancelled.cancel(), 10);
    const futures = await lastValueFrom(asCompleted([failed, cancelled]).pipe(toArray()));
    expect(futures).toEqual([failed, cancelled]);
  });

  it('yields a duplicated future once', async () => {
    const a = finishLater(1, 2);
    const b = finished(2);
    const futures = await lastValueFrom(asCompleted([a, b, a, b]).pipe(toArray()));
    expect(futures).toEqual([b, a]);
  });

  it("errors with Python's TimeoutError message, naming the unfinished count", async () => {
    const futures = [
      ...[1, 2, 3, 4].map((n) => finished(n)),
      ...[5, 6, 7, 8, 9, 10].map(() => new Future<number>()),
    ];
    const yielded: Future<number>[] = [];
    const error = await (async () => {
      // TypeScript types for-await elements as Awaited<T>; at run time they are the futures themselves.
      for await (const future of asCompleted(futures, { timeout: 20 })) yielded.push(future as unknown as Future<number>);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe('6 (of 10) futures unfinished');
    expect(yielded).toEqual(futures.slice(0, 4));
    expect(futures.map(listenerCount)).toEqual(futures.map(() => 0));
  });

  it('is cold: each subscription watches afresh', async () => {
    const futures = [finishLater('a', 5), finished('b')];
    const stream = asCompleted(futures);
    const first = await lastValueFrom(stream.pipe(toArray()));
    const second = await lastValueFrom(stream.pipe(toArray()));
    expect(first).toEqual([futures[1], futures[0]]);
    expect(second).toEqual(futures); // both done by now: yielded in input order
  });

  it('leaving a for-await loop early detaches from the remaining futures', async () => {
    const pending = [new Future<number>(), new Future<number>()];
    for await (const future of asCompleted([finished(0), ...pending])) {
      expect(future.done()).toBe(true);
      break;
    }
    expect(pending.map(listenerCount)).toEqual([0, 0]);
  });

  it('unsubscribing detaches from the remaining futures', async () => {
    const pending = new Future<number>();
    const got = await lastValueFrom(asCompleted([finished(1), pending]).pipe(take(1), toArray()));
    expect(got.length).toBe(1);
    expect(listenerCount(pending)).toBe(0);
  });

  it('completes at once for no futures', async () => {
    await expect(lastValueFrom(asCompleted([]).pipe(toArray()))).resolves.toEqual([]);
  });

  it('rejects bad input with a TypeError or RangeError', () => {
    expect(() => asCompleted(undefined as never)).toThrow(TypeError);
    expect(() => asCompleted([{}] as never)).toThrow(TypeError);
    expect(() => asCompleted([], { timeout: Number.NaN })).toThrow(RangeError);
  });
});
