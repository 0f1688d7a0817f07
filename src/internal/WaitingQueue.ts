import { Deque } from './Deque';

/** Sequence numbers stay below this, so `priority * SEQUENCE_SPAN + sequence` is an exact number for every priority. */
const SEQUENCE_SPAN = 2 ** 31;

/**
 * The queue of tasks waiting for a worker: lowest priority number first, first in first out within one priority.
 *
 * While no waiting item has a priority it is a plain FIFO deque (O(1) push and shift, nothing else to pay); the
 * first item with a priority turns it into a binary heap (O(log n) push and shift) keyed by priority, then arrival,
 * and it turns back into a Deque once it is empty. Users who never set a priority never pay for the heap.
 *
 * @example
 * ```ts
 * const queue = new WaitingQueue<WorkItem>((item) => item.options?.priority);
 * queue.push(background); // priority 10
 * queue.push(urgent); // no priority: 0
 * queue.shift(); // urgent: the lowest priority number first, the oldest among equals
 * ```
 */
export class WaitingQueue<T> {
  private readonly fifo = new Deque<T>();
  /** The heap (`undefined` in FIFO mode): `items[i]` has key `keys[i]`; a parent's key is below its children's. */
  private items: T[] | undefined = undefined;
  private keys: number[] = [];
  private sequence = 0;

  /**
   * An empty queue.
   *
   * @param priorityOf - an item's priority: a whole number from 0 (first), `undefined` for 0.
   */
  constructor(private readonly priorityOf: (item: T) => number | undefined) {}

  /** How many items wait. */
  get length(): number {
    return this.items === undefined ? this.fifo.length : this.items.length;
  }

  /** Adds an item behind every waiting item of its priority or lower. */
  push(item: T): void {
    const priority = this.priorityOf(item);
    if (this.items === undefined) {
      if (priority === undefined || priority === 0) {
        this.fifo.push(item);
        return;
      }
      this.toHeap();
    }
    this.heapPush(item, (priority ?? 0) * SEQUENCE_SPAN + this.nextSequence());
  }

  /** The item `shift` would return, left in place; `undefined` if empty. */
  peek(): T | undefined {
    return this.items === undefined ? this.fifo.at(0) : this.items[0];
  }

  /** Removes and returns the first item: the lowest priority number, the oldest among equals. */
  shift(): T | undefined {
    const items = this.items;
    if (items === undefined) return this.fifo.shift();
    const first = items[0];
    const lastItem = items.pop()!;
    const lastKey = this.keys.pop()!;
    if (items.length > 0) this.siftDown(lastItem, lastKey);
    else this.toFifo();
    return first;
  }

  /** Removes and returns every item, in the order `shift` would have returned them. */
  drain(): T[] {
    if (this.items === undefined) return this.fifo.drain();
    const all: T[] = [];
    for (let item; (item = this.shift()) !== undefined; ) all.push(item);
    return all;
  }

  /** FIFO mode to heap mode: the waiting items keep their order, ahead of any later item of priority 0. */
  private toHeap(): void {
    this.items = this.fifo.drain();
    this.keys = this.items.map((_, index) => index); // ascending keys: a sorted array is a valid heap
    this.sequence = this.items.length;
  }

  private toFifo(): void {
    this.items = undefined;
    this.keys = [];
    this.sequence = 0;
  }

  private nextSequence(): number {
    if (this.sequence === SEQUENCE_SPAN) this.renumber();
    return this.sequence++;
  }

  /** Gives the waiting items fresh sequence numbers 0, 1, 2... in their current order (after 2^31 pushes). */
  private renumber(): void {
    const all = this.drain();
    const priorities = all.map((item) => this.priorityOf(item) ?? 0);
    this.items = [];
    this.keys = [];
    all.forEach((item, index) => this.heapPush(item, priorities[index]! * SEQUENCE_SPAN + index));
    this.sequence = all.length;
  }

  private heapPush(item: T, key: number): void {
    const items = this.items!;
    const keys = this.keys;
    let index = items.length;
    items.push(item);
    keys.push(key);
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (keys[parent]! <= key) break;
      items[index] = items[parent]!;
      keys[index] = keys[parent]!;
      index = parent;
    }
    items[index] = item;
    keys[index] = key;
  }

  /** Puts `item` with `key` at the root and moves it down to its place. */
  private siftDown(item: T, key: number): void {
    const items = this.items!;
    const keys = this.keys;
    const size = items.length;
    let index = 0;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= size) break;
      if (child + 1 < size && keys[child + 1]! < keys[child]!) child++;
      if (keys[child]! >= key) break;
      items[index] = items[child]!;
      keys[index] = keys[child]!;
      index = child;
    }
    items[index] = item;
    keys[index] = key;
  }
}
