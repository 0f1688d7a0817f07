/** Bytes of one slab: small copies share it, so copying a small buffer costs no allocation of its own. */
const SLAB_BYTES = 64 * 1024;

/**
 * A bump allocator for small byte copies: each copy takes the next free bytes of the current slab (64 KiB), and a
 * fresh slab is started when it is full. Allocating an ArrayBuffer per copy costs more than the copy itself for
 * buffers of a few KiB; a slab is freed by the garbage collector once no copy in it is referenced. Copies start at
 * multiples of 8 bytes, so any typed array can view them.
 *
 * A shared slab (a SharedArrayBuffer) can be handed to worker threads as it is, with no copy and no transfer: a
 * worker copies out the bytes it was told about. Bytes handed out are never written again.
 *
 * @example
 * ```ts
 * const slab = new ByteSlab(true);
 * const start = slab.copy(buffer, 0, buffer.byteLength); // the copy is at slab.current, from start
 * ```
 */
export class ByteSlab {
  private slab: ArrayBufferLike = new ArrayBuffer(0);
  private used = 0;

  /**
   * Makes an allocator; its first slab is made at the first copy.
   *
   * @param shared - slabs are SharedArrayBuffers (for worker threads), not ArrayBuffers.
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
    if (this.used + length > this.slab.byteLength) {
      const size = Math.max(SLAB_BYTES, length);
      // Not zero-filled when it need not be: every byte handed out is written first.
      this.slab = this.shared ? new SharedArrayBuffer(size) : (Buffer.allocUnsafeSlow(size).buffer as ArrayBuffer);
      this.used = 0;
    }
    const at = this.used;
    new Uint8Array(this.slab, at, length).set(bytes ?? new Uint8Array(source, start, length));
    this.used += (length + 7) & ~7;
    return at;
  }

  /** A copy of `length` bytes of `source` from `start` in an ArrayBuffer of its own (not zero-filled first). */
  static alone(source: ArrayBufferLike, start: number, length: number): ArrayBuffer {
    const copy = Buffer.allocUnsafeSlow(length);
    copy.set(new Uint8Array(source, start, length));
    return copy.buffer as ArrayBuffer;
  }
}
