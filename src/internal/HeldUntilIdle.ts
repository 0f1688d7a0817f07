/**
 * Something costly kept on while anyone holds it, and switched off one turn of the event loop after the last holder
 * lets go, not at once: tasks run one after another would otherwise switch it off and on again for each.
 *
 * @example
 * ```ts
 * const hook = new HeldUntilIdle(() => stop());
 * hook.hold(); // a task starts
 * hook.release(); // it ended: `stop` runs at the next setImmediate unless another task holds it by then
 * ```
 */
export class HeldUntilIdle {
  /** How many hold it now. */
  holders = 0;
  private scheduled = false;

  /** @param off - switches the thing off; called only once nobody holds it. */
  constructor(private readonly off: () => void) {}

  /** One more holder. */
  hold(): void {
    this.holders++;
  }

  /** One holder fewer (exactly once per {@link HeldUntilIdle.hold}); the last one schedules the switch-off. */
  release(): void {
    if (--this.holders > 0 || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.holders === 0) this.off();
    }).unref();
  }

  /** `true` while held, or while a switch-off is still to come. */
  get busy(): boolean {
    return this.holders > 0 || this.scheduled;
  }
}
