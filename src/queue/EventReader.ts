import type { ScriptedRedis } from './queueScripts';

/** One entry of BullMQ's events stream, as the reader hands it on: the event name and its fields. */
export interface QueueEvent {
  readonly event: string;
  readonly jobId: string;
  /**
   * `returnvalue` of `completed`, `failedReason` of `failed`, `data` of `progress`, the worker's name of the start
   * event; else undefined.
   */
  readonly detail: string | undefined;
}

/** What the reader reports to its owner. */
export interface EventSink {
  /** A batch of events in stream order. */
  events(batch: QueueEvent[]): void;
  /** Events may have been missed (the stream was trimmed past the reader, or was replaced): reconcile. */
  gap(): void;
}

/** Where a reader starts: the id to read after, and the stream's `entries-added` counter then (-1: not reported). */
export interface StreamPosition {
  readonly id: string;
  readonly added: number;
}

/** The sequence part of a starting position taken from the server's clock (no stream existed yet). */
const BEFORE_STREAM = '-18446744073709551615';

/**
 * Without the server's `entries-added` counter: after how many entries read by blocking reads the gap check goes at
 * once rather than after `checkDelayMs`: a check then says "maybe missed" once the stream's trimming (at about 10,000
 * entries) has passed the position it checks, so it must come while that position is still far from the stream's head.
 */
const CHECK_EVERY = 256;

/** With the counter (exact however late): the longest blocking reads go on unchecked while events keep coming. */
const CHECK_WITHIN_MS = 1000;

/** Compares two stream ids (`<ms>-<seq>`; seq may exceed 2^53). */
export function compareIds(a: string, b: string): number {
  const [aMs, aSeq = '0'] = a.split('-');
  const [bMs, bSeq = '0'] = b.split('-');
  const byMs = Number(aMs) - Number(bMs);
  if (byMs !== 0) return byMs;
  const left = BigInt(aSeq);
  const right = BigInt(bSeq);
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * The one subscription of a QueueExecutor: reads BullMQ's events stream (`<prefix>:<queue>:events`) from a known id,
 * in batches, and hands every event on. No listener per job: the owner looks each job id up in its own table.
 *
 * One command per wake-up, as a plain `QueueEvents`: a blocking `XREAD` on the reader's own connection, whose events
 * are handed on at once. What `XREAD` cannot tell is whether entries after the position it read from had been trimmed
 * away (BullMQ keeps about 10,000) before it was served. The reader counts the entries it reads, and Redis (7 and
 * later) counts the entries ever added to the stream (`entries-added`, the ordinal of its last entry): whenever the
 * reader has read up to the stream's last entry, the two counts agree unless entries were trimmed away unread (or the
 * stream was replaced), and then a gap is reported (the owner reconciles). That check is exact however late it
 * comes: it runs shortly after blocking reads, in one script on the `checker` connection for any number of
 * wake-ups, and within every atomic read (a full batch, the start, every retry after an error: one script returning
 * the entries and the counts together). A server without the counter gets the older, cautious check: the stream's
 * first entry newer than the earliest position read from means events may have been missed.
 */
export class EventReader {
  private stopped = false;
  private position: string;
  /** The ordinal of the entry at `position` (`entries-added` when it was the stream's last), if the server counts. */
  private ordinal: number | undefined;
  /** How many times `ordinal` was set from the server's counter (a check applies its correction to the same base). */
  private anchors = 0;
  private loop: Promise<void> | undefined;
  /** The earliest position a blocking `XREAD` read from whose gap check is still to come. */
  private uncheckedFrom: string | undefined;
  /** How many entries were read since `uncheckedFrom`, and when the first of those reads returned. */
  private uncheckedCount = 0;
  private uncheckedSince = 0;
  /** Blocking reads that returned entries so far (the idle check runs only if none came since it was scheduled). */
  private wakes = 0;
  private checkTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly redis: ScriptedRedis,
    private readonly stream: string,
    start: StreamPosition,
    private readonly sink: EventSink,
    /** A connection that is never blocked (the executor's own) for the deferred gap checks. */
    private readonly checker: ScriptedRedis = redis,
    private readonly batchSize = 2000,
    private readonly blockMs = 5000,
    private readonly checkDelayMs = 20,
  ) {
    this.position = start.id;
    this.ordinal = start.added >= 0 ? start.added : undefined;
  }

  /** Starts reading; the returned promise ends when the reader is stopped. */
  start(): Promise<void> {
    return (this.loop ??= this.run());
  }

  /** The id of the last event read. */
  get lastId(): string {
    return this.position;
  }

  /** Stops reading (the caller closes the connection, which ends a blocking wait). */
  stop(): void {
    this.stopped = true;
    if (this.checkTimer !== undefined) clearTimeout(this.checkTimer);
    this.checkTimer = undefined;
  }

  private async run(): Promise<void> {
    let atomic = true;
    while (!this.stopped) {
      if (atomic) {
        try {
          const [head, added, read] = await this.redis.rxfReadEvents(this.stream, this.position, this.batchSize);
          if (this.stopped) return;
          const from = this.uncheckedFrom ?? this.position;
          this.uncheckedFrom = undefined;
          this.uncheckedCount = 0;
          atomic = read.length >= this.batchSize;
          // Fewer than a batch: the read reached the stream's last entry, whose ordinal is `added`.
          const atEnd = !atomic;
          if (added >= 0 && this.ordinal !== undefined) {
            if (atEnd && this.ordinal + read.length !== added) this.sink.gap();
          } else if (trimmedPast(head, from)) {
            this.sink.gap();
          }
          this.hand(read);
          if (atEnd && added >= 0) this.anchor(added);
        } catch {
          // The connection is down: ioredis retries it; wait a moment rather than spin.
          if (this.stopped) return;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        continue;
      }
      try {
        const woken = (await this.redis.xread('COUNT', this.batchSize, 'BLOCK', this.blockMs, 'STREAMS', this.stream, this.position)) as
          | [string, [string, string[]][]][]
          | null;
        const batch = woken?.[0]?.[1];
        if (this.stopped || batch === undefined || batch.length === 0) continue;
        if (this.uncheckedFrom === undefined) {
          this.uncheckedFrom = this.position;
          this.uncheckedSince = Date.now();
        }
        this.uncheckedCount += batch.length;
        this.wakes++;
        this.hand(batch);
        // A full batch, or a second of reads without a check (the deferred check waits for a quiet moment): the next
        // read is the atomic one, on this connection, which checks them all at once. Without the server's counter,
        // also after many entries or some time since the last check, before the stream's trimming passes the
        // position (that check, late, says "maybe missed" about entries read in time). Else the reader may fall
        // idle: check shortly.
        const unchecked = Date.now() - this.uncheckedSince;
        const due = this.ordinal === undefined ? this.uncheckedCount >= CHECK_EVERY || unchecked >= this.checkDelayMs : unchecked >= CHECK_WITHIN_MS;
        if (batch.length >= this.batchSize || due) atomic = true;
        else this.scheduleCheck();
      } catch {
        if (this.stopped) return;
        atomic = true;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  private anchor(ordinal: number): void {
    this.ordinal = ordinal;
    this.anchors++;
  }

  private hand(entries: [string, string[]][]): void {
    if (entries.length === 0) return;
    this.position = entries[entries.length - 1]![0];
    if (this.ordinal !== undefined) this.ordinal += entries.length;
    this.sink.events(entries.map(toEvent));
  }

  private scheduleCheck(): void {
    if (this.checkTimer !== undefined || this.stopped) return;
    const wakes = this.wakes;
    this.checkTimer = setTimeout(() => {
      this.checkTimer = undefined;
      // Still reading: the reader's own atomic read checks them soon. Idle in a blocking read: check from here.
      if (this.wakes !== wakes) this.scheduleCheck();
      else void this.check();
    }, this.checkDelayMs);
    this.checkTimer.unref?.();
  }

  /** The deferred gap check of the blocking reads since the last check (see the class comment). */
  private async check(): Promise<void> {
    const from = this.uncheckedFrom;
    if (from === undefined || this.stopped) return;
    this.uncheckedFrom = undefined;
    this.uncheckedCount = 0;
    const { position, ordinal, anchors } = this;
    let state: [string | null, string | null, number];
    try {
      state = await this.checker.rxfStreamState(this.stream);
    } catch {
      // Cannot tell (the connection is down, and its reconnect reconciles anyway): assume the worst.
      if (!this.stopped) this.sink.gap();
      return;
    }
    if (this.stopped) return;
    const [head, tail, added] = state;
    if (added < 0 || ordinal === undefined) {
      if (trimmedPast(head, from)) this.sink.gap();
    } else if (tail === null || compareIds(tail, position) <= 0) {
      // The reader had read up to the last entry: it read every entry unless the counts differ.
      if (ordinal === added) return;
      // Counted from the server's count from now on (reads since then moved both alike).
      if (anchors === this.anchors) this.anchor(added + (this.ordinal! - ordinal));
      this.sink.gap();
    } else {
      // More came since: check again once the reader has read them.
      this.uncheckedFrom ??= from;
      this.scheduleCheck();
    }
  }
}

/** `true` if the stream's first entry `head` is newer than `from`: entries after `from` may have been trimmed unread. */
function trimmedPast(head: string | null, from: string): boolean {
  return head !== null && compareIds(head, from) > 0 && !from.endsWith(BEFORE_STREAM);
}

function toEvent([, fields]: [string, string[]]): QueueEvent {
  let event = '';
  let jobId = '';
  let detail: string | undefined;
  for (let i = 0; i < fields.length; i += 2) {
    const name = fields[i];
    if (name === 'event') event = fields[i + 1]!;
    else if (name === 'jobId') jobId = fields[i + 1]!;
    else if (name === 'returnvalue' || name === 'failedReason' || name === 'data' || name === 'worker') detail = fields[i + 1];
  }
  return { event, jobId, detail };
}
