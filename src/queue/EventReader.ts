import type { ScriptedRedis } from './queueScripts';

/** One entry of BullMQ's events stream, as the reader hands it on: the event name and its fields. */
export interface QueueEvent {
  readonly event: string;
  readonly jobId: string;
  /** `returnvalue` of `completed`, `failedReason` of `failed`; undefined for other events. */
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
 * Each read is one atomic script that also returns the stream's first id, so entries trimmed away before they were
 * read (BullMQ keeps about 10,000) are noticed and reported as a gap. When nothing is new, a blocking `XREAD`
 * waits on the reader's own connection; the events it returns are handed on at once, and the atomic read that
 * follows checks that nothing between the old position and them had been trimmed.
 */
export class EventReader {
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly redis: ScriptedRedis,
    private readonly stream: string,
    private position: string,
    private readonly sink: EventSink,
    private readonly batchSize = 2000,
    private readonly blockMs = 5000,
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
  }

  private async run(): Promise<void> {
    // The position before the events a blocking XREAD handed over: those were not read together with the stream's
    // head, so the next atomic read checks that nothing after this position was trimmed away.
    let unchecked: string | undefined;
    while (!this.stopped) {
      let entries: [string, string[]][];
      try {
        const [head, read] = await this.redis.rxfReadEvents(this.stream, this.position, this.batchSize);
        if (this.stopped) return;
        const from = unchecked ?? this.position;
        if (head !== null && compareIds(head, from) > 0 && !from.endsWith(BEFORE_STREAM)) this.sink.gap();
        unchecked = undefined;
        entries = read;
      } catch {
        // The connection is down: ioredis retries it; wait a moment rather than spin.
        if (this.stopped) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      if (entries.length > 0) {
        this.position = entries[entries.length - 1]![0];
        this.sink.events(entries.map(toEvent));
        continue;
      }
      try {
        const woken = (await this.redis.xread('COUNT', this.batchSize, 'BLOCK', this.blockMs, 'STREAMS', this.stream, this.position)) as
          | [string, [string, string[]][]][]
          | null;
        const batch = woken?.[0]?.[1];
        if (this.stopped || batch === undefined || batch.length === 0) continue;
        // Settle at once (one round trip less per wake-up); the next atomic read checks for a gap before them.
        unchecked = this.position;
        this.position = batch[batch.length - 1]![0];
        this.sink.events(batch.map(toEvent));
      } catch {
        if (this.stopped) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }
}

function toEvent([, fields]: [string, string[]]): QueueEvent {
  let event = '';
  let jobId = '';
  let detail: string | undefined;
  for (let i = 0; i < fields.length; i += 2) {
    const name = fields[i];
    if (name === 'event') event = fields[i + 1]!;
    else if (name === 'jobId') jobId = fields[i + 1]!;
    else if (name === 'returnvalue' || name === 'failedReason') detail = fields[i + 1];
  }
  return { event, jobId, detail };
}
