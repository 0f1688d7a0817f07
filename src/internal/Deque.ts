/** Room a deque keeps when it empties; a larger ring (left by a burst) is dropped then, so its memory goes back. */
const KEPT_CAPACITY = 1024;

/**
 * A FIFO queue with O(1) push and shift: a ring buffer over an array, the items from `head` on, wrapping around its
 * end. `Array.prototype.shift` is O(n) and would make a deep backlog quadratic.
 *
 * A queue that holds a few items at a time, as an executor's does under steady load, goes round its ring and
 * allocates nothing per item; the ring is kept when the queue empties (up to {@link KEPT_CAPACITY} slots). A full
 * ring grows with native `push` (after turning it so that the oldest item is first), the cheapest growth there is.
 */
export class Deque<T> {
  private ring: Array<T | undefined> = [];
  /** Where the oldest item is. */
  private head = 0;
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(item: T): void {
    const ring = this.ring;
    const capacity = ring.length;
    if (this.size === capacity) {
      if (this.head === 0) ring.push(item);
      else this.turnAndPush(ring, item);
    } else {
      const slot = this.head + this.size;
      ring[slot < capacity ? slot : slot - capacity] = item;
    }
    this.size++;
  }

  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const ring = this.ring;
    const head = this.head;
    const item = ring[head];
    ring[head] = undefined;
    if (--this.size === 0) this.emptied();
    else this.head = head + 1 === ring.length ? 0 : head + 1;
    return item;
  }

  /** Removes and returns every item, oldest first. */
  drain(): T[] {
    const ring = this.ring;
    const end = this.head + this.size;
    const all = (end <= ring.length ? ring.slice(this.head, end) : ring.slice(this.head).concat(ring.slice(0, end - ring.length))) as T[];
    this.ring = [];
    this.head = this.size = 0;
    return all;
  }

  /** The item `index` places behind the oldest (0: the oldest), or `undefined`. */
  at(index: number): T | undefined {
    if (!(index >= 0 && index < this.size)) return undefined;
    const slot = this.head + index;
    const ring = this.ring;
    return ring[slot < ring.length ? slot : slot - ring.length];
  }

  /** Where `item` is (0: the oldest), or -1. */
  indexOf(item: T): number {
    for (let i = 0; i < this.size; i++) if (this.at(i) === item) return i;
    return -1;
  }

  /** The ring is full and its oldest item is not first: a new ring, oldest first, then `item`. */
  private turnAndPush(ring: Array<T | undefined>, item: T): void {
    const turned = ring.slice(this.head).concat(ring.slice(0, this.head));
    turned.push(item);
    this.ring = turned;
    this.head = 0;
  }

  /** The last item was taken: the next one goes to the start of the ring, or of a new one if this one is large. */
  private emptied(): void {
    this.head = 0;
    if (this.ring.length > KEPT_CAPACITY) this.ring = [];
  }
}
