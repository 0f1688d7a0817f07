import { ReuseWindow } from './ReuseWindow';

/** Bytes of one slab: small copies share it, so copying a small buffer costs no allocation of its own. */
const SLAB_BYTES = 64 * 1024;

/**
 * A bump allocator for small byte copies: each copy takes the next free bytes of the current slab (64 KiB), and a
 * fresh slab is started when it is full. Allocating an ArrayBuffer per copy costs more than the copy itself for
 * buffers of a few KiB. Copies start at multiples of 8 bytes, so any typed array can view them.
 *
 * A shared slab (a SharedArrayBuffer) can be handed to worker threads as it is, with no copy and no transfer: a
 * worker copies out the bytes it was told about. A plain slab (for child processes) has the part a message uses
 * copied into that message. Bytes handed out are never written again while they are in use.
 *
 * Slabs are recycled: the pool {@link ByteSlab.release | releases} each copy once its task was answered (the worker
 * had read it, and it will not be sent again), and a slab whose copies are all released is reused rather than
 * allocated again. Fresh memory costs page faults (and zero-filling, for shared memory) on every touch and weighs on
 * the garbage collector, more than the copies themselves; reused slabs are warm. Released slabs are kept only while
 * they are being reused: a second after the last reuse, they go to the garbage collector. A copy never released (a
 * task that failed or was cancelled before it was answered) only keeps its slab out of reuse.
 *
 * @example
 * ```ts
 * const slab = new ByteSlab(true);
 * const start = slab.copy(buffer, 0, buffer.byteLength); // the copy is at slab.current, from start
 * // ... once the worker has answered the task that carried it:
 * slab.release(slab.current);
 * ```
 */
export class ByteSlab {
  private slab: ArrayBufferLike = new ArrayBuffer(0);
  private used = 0;
  /** Copies in the current slab not released yet. */
  private pending = 0;
  /**
   * Copies not released yet in earlier (full) slabs; a slab leaves when its count reaches zero. Weak: a slab
   * with a copy that is never released is left to the garbage collector.
   */
  private readonly retired = new WeakMap<ArrayBufferLike, number>();
  /** Full slabs whose copies were all released, ready for reuse. */
  private free: ArrayBufferLike[] = [];
  /** Kept while they are reused (see the class comment). */
  private readonly window = new ReuseWindow(
    () => this.free.length > 0,
    () => (this.free = []),
  );

  /**
   * Makes an allocator; its first slab is made at the first copy.
   *
   * @param shared - slabs are SharedArrayBuffers (for worker threads), not ArrayBuffers (for child processes).
   */
  constructor(private readonly shared: boolean) {}

  /** The slab the last copy went to. */
  get current(): ArrayBufferLike {
    return this.slab;
  }

  /**
   * Copies `length` bytes of `source` from `start` into the {@link ByteSlab.current} slab; returns where the copy
   * starts there. `bytes`, if given, is a Uint8Array of exactly those bytes, read instead of a view made here.
   */
  copy(source: ArrayBufferLike, start: number, length: number, bytes?: Uint8Array): number {
    if (this.used + length > this.slab.byteLength) this.nextSlab(length);
    const at = this.used;
    new Uint8Array(this.slab, at, length).set(bytes ?? new Uint8Array(source, start, length));
    this.used += (length + 7) & ~7;
    this.pending++;
    return at;
  }

  /**
   * Says that one copy in `slab` (a slab of this allocator) has been read by its worker and is needed no more. Call
   * it exactly once per copy, and only when nothing can still read it (its task was answered): a slab whose copies
   * are all released is written again.
   */
  release(slab: ArrayBufferLike): void {
    if (slab === this.slab) {
      this.pending--;
      return;
    }
    const count = this.retired.get(slab);
    if (count === undefined) return;
    if (count > 1) this.retired.set(slab, count - 1);
    else {
      this.retired.delete(slab);
      this.recycle(slab);
    }
  }

  /** A copy of `length` bytes of `source` from `start` in an ArrayBuffer of its own (not zero-filled first). */
  static alone(source: ArrayBufferLike, start: number, length: number): ArrayBuffer {
    const copy = Buffer.allocUnsafeSlow(length);
    copy.set(new Uint8Array(source, start, length));
    return copy.buffer as ArrayBuffer;
  }

  /** Retires the full current slab and starts another, reused if one is free, for a copy of `length` bytes. */
  private nextSlab(length: number): void {
    if (this.slab.byteLength > 0) {
      if (this.pending > 0) this.retired.set(this.slab, this.pending);
      else this.recycle(this.slab);
    }
    this.used = 0;
    this.pending = 0;
    if (length <= SLAB_BYTES && this.free.length > 0) {
      this.slab = this.free.pop()!;
      this.window.reused();
      return;
    }
    const size = Math.max(SLAB_BYTES, length);
    // Not zero-filled when it need not be: every byte handed out is written first.
    this.slab = this.shared ? new SharedArrayBuffer(size) : (Buffer.allocUnsafeSlow(size).buffer as ArrayBuffer);
  }

  /** Keeps a slab whose copies were all released for reuse, until reuse stops (see the class comment). */
  private recycle(slab: ArrayBufferLike): void {
    if (slab.byteLength !== SLAB_BYTES) return;
    this.free.push(slab);
    this.window.kept();
  }
}
