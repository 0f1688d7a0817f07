/** How often expired ids are dropped. */
const SWEEP_EVERY_MS = 1000;

/**
 * The job ids a worker has started, each kept until its job's expiry (after which the job is refused as expired
 * anyway), so a job added again with the same id and signature is refused as a replay. Bounded: past `capacity`
 * ids, the oldest are forgotten first.
 */
export class ReplayMemory {
  private readonly ids = new Map<string, number>();
  private nextSweep = 0;

  constructor(private readonly capacity = 1_000_000) {}

  /** `true` if `id` was started here and has not expired. */
  has(id: string, now = Date.now()): boolean {
    const expiry = this.ids.get(id);
    return expiry !== undefined && expiry >= now;
  }

  /** Remembers `id` until `expiry` (ms since the epoch). */
  remember(id: string, expiry: number, now = Date.now()): void {
    this.ids.delete(id);
    this.ids.set(id, expiry);
    // Expired ids are dropped at most once a second (`has` ignores them meanwhile); the capacity holds at every id.
    if (now < this.nextSweep && this.ids.size <= this.capacity) return;
    this.nextSweep = now + SWEEP_EVERY_MS;
    // Ids go in roughly in expiry order: drop expired ones from the front, and the oldest beyond capacity.
    for (const [oldest, until] of this.ids) {
      if (until >= now && this.ids.size <= this.capacity) break;
      this.ids.delete(oldest);
    }
  }

  /** How many ids are remembered. */
  get size(): number {
    return this.ids.size;
  }
}
