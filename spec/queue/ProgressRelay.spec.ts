/**
 * The worker's progress relay, on its own (no Redis): latest value only, one write at a time, at most one per
 * interval, and the last value on close. Jest's fake timers drive the clock.
 */
import { Subject } from 'rxjs';
import { ProgressRelay } from '../../src/queue/ProgressRelay';

describe('ProgressRelay', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes only the latest of a burst of values', async () => {
    const progress = new Subject<unknown>();
    const writes: unknown[] = [];
    const relay = new ProgressRelay(progress, (value) => void writes.push(value), 50);
    for (let i = 0; i < 10_000; i++) progress.next(i);
    await jest.advanceTimersByTimeAsync(0);
    expect(writes).toEqual([9_999]);
    await relay.close();
    expect(writes).toEqual([9_999]);
  });

  it('waits the interval between writes, and sends the last value on close', async () => {
    const progress = new Subject<unknown>();
    const writes: unknown[] = [];
    const relay = new ProgressRelay(progress, (value) => void writes.push(value), 50);
    progress.next('a');
    await jest.advanceTimersByTimeAsync(0);
    progress.next('b');
    progress.next('c');
    await jest.advanceTimersByTimeAsync(49);
    expect(writes).toEqual(['a']);
    await jest.advanceTimersByTimeAsync(1);
    expect(writes).toEqual(['a', 'c']);
    progress.next('d');
    expect(writes).toEqual(['a', 'c']);
    await relay.close(); // no waiting for the interval: the last value goes before the outcome
    expect(writes).toEqual(['a', 'c', 'd']);
    progress.next('e'); // after close: ignored
    await jest.advanceTimersByTimeAsync(100);
    expect(writes).toEqual(['a', 'c', 'd']);
  });

  it('keeps one write under way at a time; close waits for it', async () => {
    const progress = new Subject<unknown>();
    const writes: unknown[] = [];
    const pending: (() => void)[] = [];
    const relay = new ProgressRelay(
      progress,
      (value) => {
        writes.push(value);
        return new Promise<void>((resolve) => pending.push(resolve));
      },
      50,
    );
    progress.next(1);
    await jest.advanceTimersByTimeAsync(0);
    progress.next(2);
    await jest.advanceTimersByTimeAsync(500);
    expect(writes).toEqual([1]); // the first write has not answered yet
    const closed = relay.close();
    expect(closed).toBeInstanceOf(Promise); // a write under way: close waits for it
    pending.shift()!();
    await jest.advanceTimersByTimeAsync(0);
    expect(writes).toEqual([1, 2]);
    pending.shift()!();
    await closed;
  });

  it('has nothing to wait for on close when no progress came or all of it was written, else it says so', async () => {
    const writes: unknown[] = [];
    const silent = new ProgressRelay(new Subject<unknown>(), (value) => void writes.push(value), 50);
    expect(silent.close()).toBeUndefined();
    const progress = new Subject<unknown>();
    const written = new ProgressRelay(progress, (value) => void writes.push(value), 50);
    progress.next('a');
    await jest.advanceTimersByTimeAsync(0);
    expect(written.close()).toBeUndefined();
    const later = new Subject<unknown>();
    const pending = new ProgressRelay(later, (value) => void writes.push(value), 50);
    later.next('b');
    const closing = pending.close();
    expect(closing).toBeInstanceOf(Promise);
    await closing;
    expect(writes).toEqual(['a', 'b']);
    expect(pending.close()).toBeUndefined(); // closed already
  });

  it('drops a value whose write throws or rejects, and goes on', async () => {
    const progress = new Subject<unknown>();
    const writes: unknown[] = [];
    const relay = new ProgressRelay(
      progress,
      (value) => {
        if (value === 'throws') throw new Error('cannot encode');
        if (value === 'rejects') return Promise.reject(new Error('job gone'));
        writes.push(value);
      },
      50,
    );
    progress.next('throws');
    await jest.advanceTimersByTimeAsync(50);
    progress.next('rejects');
    await jest.advanceTimersByTimeAsync(50);
    progress.next('fine');
    await relay.close();
    expect(writes).toEqual(['fine']);
  });
});
