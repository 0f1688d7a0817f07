import { Deque } from '../../src/internal/Deque';

/** A reference FIFO: what every deque operation must match, whatever the ring's size and where its head is. */
function check(deque: Deque<number>, model: number[]): void {
  expect(deque.length).toBe(model.length);
  for (let i = 0; i < model.length; i++) expect(deque.at(i)).toBe(model[i]);
  expect(deque.at(model.length)).toBeUndefined();
  expect(deque.at(-1)).toBeUndefined();
}

describe('Deque', () => {
  it('is first in, first out while its items wrap around the end of the ring, and drains in order from there', () => {
    const deque = new Deque<number>();
    const model: number[] = [];
    let next = 0;
    for (let i = 0; i < 8; i++) {
      deque.push(next);
      model.push(next++);
    }
    for (let i = 0; i < 3; i++) expect(deque.shift()).toBe(model.shift());
    // 5 items in a ring of 8 while 100 go through: the head passes the end of the ring many times.
    for (let round = 0; round < 100; round++) {
      expect(deque.shift()).toBe(model.shift());
      deque.push(next);
      model.push(next++);
      check(deque, model);
      expect(deque.indexOf(model[4]!)).toBe(4);
    }
    // It went round the ring it had: no slot was added for the 100 items.
    expect((deque as unknown as { ring: unknown[] }).ring.length).toBe(8);
    expect(deque.drain()).toEqual(model);
    expect(deque.length).toBe(0);
  });

  it('keeps the order when it grows while its items wrap around', () => {
    const deque = new Deque<number>();
    const model: number[] = [];
    for (let i = 0; i < 6; i++) {
      deque.push(i);
      model.push(i);
    }
    for (let i = 0; i < 4; i++) expect(deque.shift()).toBe(model.shift());
    // 2 items at the end of the ring; these pushes wrap, then fill it and make it grow.
    for (let i = 6; i < 40; i++) {
      deque.push(i);
      model.push(i);
      check(deque, model);
    }
    expect(deque.indexOf(20)).toBe(model.indexOf(20));
    expect(deque.indexOf(1000)).toBe(-1);
    expect(deque.drain()).toEqual(model);
    expect(deque.shift()).toBeUndefined();
  });

  it('works again after it emptied, whether its ring was kept (small) or dropped (large)', () => {
    for (const burst of [3, 5000]) {
      const deque = new Deque<number>();
      for (let i = 0; i < burst; i++) deque.push(i);
      for (let i = 0; i < burst; i++) expect(deque.shift()).toBe(i);
      expect(deque.shift()).toBeUndefined();
      deque.push(7);
      deque.push(8);
      check(deque, [7, 8]);
      expect(deque.indexOf(0)).toBe(-1); // nothing stale is found
      expect(deque.drain()).toEqual([7, 8]);
      expect(deque.drain()).toEqual([]);
    }
  });

  it('drops what it hands out, so a queue does not keep finished work alive', () => {
    const deque = new Deque<object>();
    const item = {};
    deque.push(item);
    deque.push({});
    deque.shift();
    const ring = (deque as unknown as { ring: unknown[] }).ring;
    expect(ring.includes(item)).toBe(false);
  });
});
