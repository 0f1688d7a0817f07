import { closeSync, existsSync, ftruncateSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Deque } from '../../internal/Deque';
import { ReuseWindow } from './ReuseWindow';

/** Where shared memory lives as files (tmpfs on Linux); no bulk file is made where it does not exist. */
const SHARED_MEMORY = '/dev/shm';
/** Bytes a child's file holds at most: a region that would not fit travels in its IPC message instead. */
const MOST_BYTES = 64 * 1024 * 1024;

/** Bytes of the file in use for one `RUN` message, released once the tasks sent up to and with it are answered. */
interface Region {
  readonly start: number;
  readonly end: number;
  /** Tasks sent to the child up to and with this message (set once the message was sent). */
  tasks: number;
}

/**
 * A file in shared memory (`/dev/shm`) that one child process reads the large buffers of its tasks' arguments from,
 * so that their bytes cross with one `pwrite` in the parent and one `pread` in the child instead of through the IPC
 * channel (serializer, length header, socket, chunks, deserializer: five copies of every byte). The IPC message keeps
 * its order and carries only where the bytes are.
 *
 * Nothing is left behind: the file is unlinked as soon as it is opened, before the child even exists; the child
 * inherits the open file (a `stdio` entry), and the memory goes back when the last of the two closes it, whichever
 * way either ends. A child killed mid-task holds nothing the parent or other children use.
 *
 * Each message's bytes take the first free region of the file, and a region is free again once the child has
 * answered every task sent up to and with its message (a child reads the bytes when the message arrives, and answers
 * its tasks in the order they were sent). A region that does not fit returns -1: its bytes travel in the message.
 * Pages freed by answers are kept for the next messages while they are being reused, and a second after the last
 * reuse the file is emptied.
 *
 * @example
 * ```ts
 * const file = BulkFile.open(); // undefined where there is no /dev/shm
 * const child = fork(path, [name, file.identity], { stdio: ['inherit', 'inherit', 'inherit', 'ipc', file.fd] });
 * const at = file.put(bytes); // -1: send the bytes in the message
 * child.send(message);
 * file.sent(tasksInMessage); // or file.unsent() if sending threw
 * // ... as answers arrive:
 * file.answered(count);
 * ```
 */
export class BulkFile {
  /** Bytes the file holds (written so far, until it is emptied). */
  private size = 0;
  private readonly regions = new Deque<Region>();
  /** Regions made for the message being sent (their `tasks` are set by {@link BulkFile.sent}). */
  private pending = 0;
  private sentTasks = 0;
  private answeredTasks = 0;
  private closed = false;
  private readonly window = new ReuseWindow(
    () => this.size > 0 && this.regions.length === 0,
    () => this.empty(),
  );

  private constructor(
    /** The open file (unlinked already). */
    readonly fd: number,
    /**
     * Random text written at the start of the file, which the child reads back to check that the file it inherited is
     * this one and that it can read it (the first region overwrites it later: the child reads it before it says so).
     */
    readonly identity: string,
  ) {}

  /** A new bulk file, or `undefined` where shared memory files cannot be made (no `/dev/shm`, no room, no right). */
  static open(): BulkFile | undefined {
    if (!existsSync(SHARED_MEMORY)) return undefined;
    const path = join(SHARED_MEMORY, `rxfutures-${process.pid}-${randomBytes(8).toString('hex')}`);
    let fd: number;
    try {
      fd = openSync(path, 'wx+', 0o600);
    } catch {
      return undefined;
    }
    try {
      unlinkSync(path);
      // The probe the child reads back: proof that it holds this very file and can read it at a position.
      const identity = randomBytes(8).toString('hex');
      writeSync(fd, identity, 0);
      return new BulkFile(fd, identity);
    } catch {
      closeSync(fd);
      return undefined;
    }
  }

  /**
   * Writes `bytes` into a free region for the message being sent; returns where they start, or -1 if they do not
   * fit (or the write failed): then they travel in the message.
   */
  put(bytes: Uint8Array): number {
    const length = bytes.byteLength;
    const start = this.closed ? -1 : this.reserve(length);
    if (start < 0) return -1;
    try {
      for (let done = 0; done < length; ) done += writeSync(this.fd, bytes, done, length - done, start + done);
    } catch {
      // No room left in shared memory: this message's bytes go in the message.
      return -1;
    }
    this.regions.push({ start, end: start + length, tasks: Number.POSITIVE_INFINITY });
    this.pending++;
    if (start + length > this.size) this.size = start + length;
    this.window.reused();
    return start;
  }

  /** The message that the last {@link BulkFile.put}s were for was sent, with `tasks` tasks. */
  sent(tasks: number): void {
    this.sentTasks += tasks;
    for (let i = this.regions.length - this.pending; i < this.regions.length; i++) this.regions.at(i)!.tasks = this.sentTasks;
    this.pending = 0;
  }

  /** The message that the last {@link BulkFile.put}s were for could not be sent: their regions are free again. */
  unsent(): void {
    if (this.pending === 0) return;
    const kept = this.regions.drain();
    kept.length -= this.pending;
    for (const region of kept) this.regions.push(region);
    this.pending = 0;
  }

  /** The child answered `count` more tasks: the regions of messages it has now answered in full are free. */
  answered(count: number): void {
    this.answeredTasks += count;
    const { regions } = this;
    if (regions.length === 0 || regions.at(0)!.tasks > this.answeredTasks) return;
    while (regions.length > 0 && regions.at(0)!.tasks <= this.answeredTasks) regions.shift();
    if (regions.length === 0) this.window.kept();
  }

  /** Closes the parent's end (the child exited): its memory goes back once the child's end is closed too. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      closeSync(this.fd);
    } catch {
      // Closed already.
    }
  }

  /**
   * Where `length` bytes go: the first gap between the regions in use that holds them (from the start of the file, so
   * that it stays as small as the bytes in flight and its pages stay warm); -1 when none within {@link MOST_BYTES}.
   */
  private reserve(length: number): number {
    const { regions } = this;
    const count = regions.length;
    if (count === 0) return length <= MOST_BYTES ? 0 : -1;
    // A few regions at a time (a child holds a few large tasks): sorting them costs less than keeping them sorted.
    const used: Region[] = new Array(count);
    for (let i = 0; i < count; i++) used[i] = regions.at(i)!;
    used.sort((a, b) => a.start - b.start);
    let free = 0;
    for (const region of used) {
      if (region.start - free >= length) return free;
      if (region.end > free) free = region.end;
    }
    return free + length <= MOST_BYTES ? free : -1;
  }

  /** Gives the file's memory back while no region is in use (see the class comment). */
  private empty(): void {
    if (this.closed || this.regions.length > 0) return;
    try {
      ftruncateSync(this.fd, 0);
      this.size = 0;
    } catch {
      // Kept: the next look tries again.
    }
  }
}
