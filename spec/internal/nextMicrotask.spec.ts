import { AsyncLocalStorage } from 'node:async_hooks';
import { nextMicrotask } from '../../src/internal/nextMicrotask';

describe('nextMicrotask', () => {
  it('calls back after the current code, in the order of the calls, interleaved with queueMicrotask as queued', async () => {
    const order: string[] = [];
    nextMicrotask(() => order.push('a'));
    queueMicrotask(() => order.push('b'));
    nextMicrotask(() => order.push('c'));
    order.push('sync');
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['sync', 'a', 'b', 'c']);
  });

  it('calls back in the async context of each call', async () => {
    const storage = new AsyncLocalStorage<string>();
    const seen: (string | undefined)[] = [];
    storage.run('one', () => nextMicrotask(() => seen.push(storage.getStore())));
    storage.run('two', () => nextMicrotask(() => seen.push(storage.getStore())));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['one', 'two']);
  });
});
