import { AbortControllerPool } from '../../src/queue/AbortControllerPool';

describe('AbortControllerPool', () => {
  it('hands a controller back out once given back, never one that fired, and keeps at most its capacity', () => {
    const pool = new AbortControllerPool(2);
    const first = pool.take();
    pool.give(first);
    expect(pool.take()).toBe(first);
    const fired = pool.take();
    fired.abort(new Error('stop'));
    pool.give(fired);
    expect(pool.take()).not.toBe(fired);
    const [a, b, c] = [new AbortController(), new AbortController(), new AbortController()];
    for (const controller of [a, b, c]) pool.give(controller);
    expect([pool.take(), pool.take()]).toEqual([b, a]);
    expect(pool.take()).not.toBe(c);
  });
});
