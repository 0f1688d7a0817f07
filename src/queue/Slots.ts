/**
 * A counting semaphore in FIFO order: a worker's jobs wait here for a free place in its local pool, so a job fetched
 * ahead is started (and its cancel mark checked) only when it can really run.
 */
export class Slots {
  private free: number;
  private readonly waiters: ((granted: boolean) => void)[] = [];
  private closed = false;

  constructor(size: number) {
    this.free = size;
  }

  /** Resolves `true` once a place is free, or `false` if the slots were closed first (hand the job back). */
  acquire(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Takes a place if one is free now and nobody waits for one; `false` otherwise (nothing is queued). */
  tryAcquire(): boolean {
    if (this.closed || this.free === 0 || this.waiters.length > 0) return false;
    this.free--;
    return true;
  }

  /** Frees a place: the longest waiter gets it. */
  release(): void {
    const next = this.waiters.shift();
    if (next !== undefined) next(true);
    else this.free++;
  }

  /** Refuses every waiter and later acquire (the worker is closing). */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter(false);
  }
}
