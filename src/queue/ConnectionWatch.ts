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
  /** When the probed connection last answered a PING (a paused or wedged server keeps its sockets open). */
  private lastAnswer = Date.now();
  private probing = false;
  private readonly prober: NodeJS.Timeout;

  constructor(
    clients: readonly Redis[],
    private readonly limitMs: number,
    private readonly owner: ConnectionEvents,
  ) {
    // A server that stops answering without closing the connection (paused, overloaded, a network black hole)
    // gives no 'close': a PING now and then tells.
    const probed = clients[0]!;
    this.prober = setInterval(() => this.probe(probed), Math.max(10, Math.min(1000, limitMs / 4)));
    this.prober.unref();
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
    clearInterval(this.prober);
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const detach of this.detach.splice(0)) detach();
  }

  private probe(client: Redis): void {
    if (Date.now() - this.lastAnswer > this.limitMs) {
      this.stop();
      this.owner.expired(this.lastError ?? new Error('the server did not answer a PING'));
      return;
    }
    if (this.probing) return;
    this.probing = true;
    client.ping().then(
      () => {
        this.probing = false;
        this.lastAnswer = Date.now();
      },
      () => (this.probing = false),
    );
  }

  private up(client: Redis): void {
    this.lastAnswer = Date.now();
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
      this.stop();
      this.owner.expired(this.lastError);
    }, this.limitMs);
  }
}
