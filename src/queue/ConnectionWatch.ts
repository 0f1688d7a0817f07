import type { Redis } from './loadBullmq';

/** What a {@link ConnectionWatch} reports. */
export interface ConnectionEvents {
  /** Every connection is back after an outage (not called for the first connect). */
  reconnected(): void;
  /** A connection stayed down for longer than the limit (or never came up); `cause` is its last error. */
  expired(cause: unknown): void;
}

/**
 * Watches a set of Redis connections: while any is down, a timer runs; if it reaches the limit, the owner is told
 * once (`expired`); when all are up again after an outage, the owner is told to reconcile (`reconnected`).
 * ioredis keeps reconnecting by itself meanwhile.
 */
export class ConnectionWatch {
  private readonly down = new Set<Redis>();
  private everReady = false;
  private timer: NodeJS.Timeout | undefined;
  private lastError: unknown = undefined;
  private readonly detach: (() => void)[] = [];

  constructor(
    clients: readonly Redis[],
    private readonly limitMs: number,
    private readonly owner: ConnectionEvents,
  ) {
    for (const client of clients) {
      if (client.status !== 'ready') this.down.add(client);
      const onReady = () => this.up(client);
      const onClose = () => this.lost(client);
      const onError = (error: unknown) => (this.lastError = error);
      client.on('ready', onReady);
      client.on('close', onClose);
      client.on('error', onError);
      this.detach.push(() => {
        client.off('ready', onReady);
        client.off('close', onClose);
        client.off('error', onError);
      });
    }
    if (this.down.size > 0) this.arm();
    else this.everReady = true;
  }

  /** `true` while every connection is up. */
  get connected(): boolean {
    return this.down.size === 0;
  }

  /** Stops watching (before the connections are closed on purpose). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const detach of this.detach.splice(0)) detach();
  }

  private up(client: Redis): void {
    if (!this.down.delete(client) || this.down.size > 0) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.everReady) this.owner.reconnected();
    this.everReady = true;
  }

  private lost(client: Redis): void {
    this.down.add(client);
    this.arm();
  }

  private arm(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.owner.expired(this.lastError);
    }, this.limitMs);
  }
}
