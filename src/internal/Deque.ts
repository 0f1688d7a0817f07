/**
 * A FIFO queue with O(1) push and shift (an array with a moving head, compacted as the head advances).
 * `Array.prototype.shift` is O(n) and would make a deep backlog quadratic.
 */
export class Deque<T> {
  private items: Array<T | undefined> = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head === this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Removes and returns every item, oldest first. */
  drain(): T[] {
    const all = this.items.slice(this.head) as T[];
    this.items = [];
    this.head = 0;
    return all;
  }

  /** The item `index` places behind the oldest (0 is the oldest), or `undefined`. */
  at(index: number): T | undefined {
    return index >= 0 && index < this.length ? this.items[this.head + index] : undefined;
  }

  /** The position of `item` (0 is the oldest), or -1. */
  indexOf(item: T): number {
    const index = this.items.indexOf(item, this.head);
    return index < 0 ? -1 : index - this.head;
  }
}
