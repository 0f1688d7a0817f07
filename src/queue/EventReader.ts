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

/** The sequence part of a starting position taken from the server's clock (no stream existed yet). */
const BEFORE_STREAM = '-18446744073709551615';

/**
 * After how many entries read by blocking reads the gap check goes at once rather than after `checkDelayMs`: a check
 * says "maybe missed" once the stream's trimming (at about 10,000 entries) has passed the position it checks, so it
 * must come while that position is still far from the stream's head.
 */
const CHECK_EVERY = 256;

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
 * away (BullMQ keeps about 10,000) before it was served; so the earliest position read from that way is checked
 * shortly after, in one `XRANGE` on the `checker` connection for any number of wake-ups: if the stream's first entry
 * is then newer than it, events may have been missed and a gap is reported (the owner reconciles). A full batch, the
 * start and every retry after an error use an atomic read instead (one script returning the entries and the stream's
 * first id together), which checks the same thing at once.
 */
export class EventReader {
  private stopped = false;
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
    private position: string,
    private readonly sink: EventSink,
    /** A connection that is never blocked (the executor's own) for the deferred gap checks. */
    private readonly checker: ScriptedRedis = redis,
    private readonly batchSize = 2000,
    private readonly blockMs = 5000,
    private readonly checkDelayMs = 20,
  ) {}

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
          const [head, read] = await this.redis.rxfReadEvents(this.stream, this.position, this.batchSize);
          if (this.stopped) return;
          const from = this.uncheckedFrom ?? this.position;
          this.uncheckedFrom = undefined;
          this.uncheckedCount = 0;
          if (trimmedPast(head, from)) this.sink.gap();
          atomic = read.length >= this.batchSize;
          this.hand(read);
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
        // A full batch, many entries or some time since the last check: the next read is the atomic one, on this
        // connection, which checks them all at once, before the stream's trimming passes the position (a late check
        // says "maybe missed" about entries that were read in time). Else the reader may fall idle: check shortly.
        if (batch.length >= this.batchSize || this.uncheckedCount >= CHECK_EVERY || Date.now() - this.uncheckedSince >= this.checkDelayMs) atomic = true;
        else this.scheduleCheck();
      } catch {
        if (this.stopped) return;
        atomic = true;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  private hand(entries: [string, string[]][]): void {
    if (entries.length === 0) return;
    this.position = entries[entries.length - 1]![0];
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
    let head: string | null;
    try {
      const first = (await this.checker.xrange(this.stream, '-', '+', 'COUNT', 1)) as [string, string[]][];
      head = first[0]?.[0] ?? null;
    } catch {
      // Cannot tell (the connection is down, and its reconnect reconciles anyway): assume the worst.
      if (!this.stopped) this.sink.gap();
      return;
    }
    if (!this.stopped && trimmedPast(head, from)) this.sink.gap();
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
