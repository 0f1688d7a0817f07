/**
 * How long a free list of reusable memory lives: kept while its items are being reused, dropped (left to the garbage
 * collector) once a look finds that none was reused since the previous look, `ms` later. Memory kept for a burst of
 * work goes away soon after the burst, without a timer per item.
 *
 * @example
 * ```ts
 * const window = new ReuseWindow(() => free.length > 0, () => (free = []));
 * free.push(slab); window.kept(); // an item went into the free list
 * slab = free.pop()!; window.reused(); // an item came out of it
 * ```
 */
export class ReuseWindow {
  private reuse = false;
  private timer: NodeJS.Timeout | undefined = undefined;

  /**
   * @param hasFree - `true` if the free list holds something.
   * @param drop - empties the free list.
   * @param ms - time between looks.
   */
  constructor(
    private readonly hasFree: () => boolean,
    private readonly drop: () => void,
    private readonly ms = 1000,
  ) {}

  /** Says that an item went into the free list: a look is due `ms` later, unless one is already. */
  kept(): void {
    if (this.timer !== undefined) return;
    this.reuse = false;
    this.timer = setTimeout(() => this.look(), this.ms);
    this.timer.unref();
  }

  /** Says that an item of the free list was reused. */
  reused(): void {
    this.reuse = true;
  }

  private look(): void {
    this.timer = undefined;
    if (!this.hasFree()) return;
    if (this.reuse) this.kept();
    else this.drop();
  }
}
