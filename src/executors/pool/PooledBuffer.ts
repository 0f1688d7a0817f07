import { POOLED_BUFFER, POOLED_CLASSES } from '../../worker/protocol';
import { ByteSlab } from './ByteSlab';

/**
 * A small buffer argument copied into a shared slab (see {@link StructuredCopy}): where the copy of its ArrayBuffer
 * lies, and what the worker rebuilds over it. Views of one ArrayBuffer point at the same bytes, so they share one
 * ArrayBuffer again in the worker. Numbers rather than a view of the slab: it lives as long as its task is queued.
 *
 * @example
 * ```ts
 * const start = slab.copy(buffer, 0, buffer.byteLength);
 * const pooled = new PooledBuffer(slab.current, start, buffer.byteLength, 0, 0, buffer.byteLength); // the ArrayBuffer itself
 * ```
 */
export class PooledBuffer {
  /**
   * @param slab - the slab holding the copy of the whole ArrayBuffer.
   * @param start - where that copy starts in the slab.
   * @param size - the ArrayBuffer's length.
   * @param kind - the class to rebuild: an index in `POOLED_CLASSES` (0: the ArrayBuffer itself), or `POOLED_BUFFER`.
   * @param byteOffset - a view's offset in its ArrayBuffer.
   * @param length - a view's length in elements (bytes for a DataView).
   */
  constructor(
    readonly slab: ArrayBufferLike,
    readonly start: number,
    readonly size: number,
    readonly kind: number,
    readonly byteOffset: number,
    readonly length: number,
  ) {}

  /** The same bytes seen as another class (a view of the ArrayBuffer this one is). */
  as(kind: number, byteOffset: number, length: number): PooledBuffer {
    return new PooledBuffer(this.slab, this.start, this.size, kind, byteOffset, length);
  }

  /**
   * The buffer rebuilt here, in an ArrayBuffer of its own: for the rare place a worker cannot put it back (an entry
   * of a Map or Set). It is then a separate object from the same buffer placed elsewhere in the arguments.
   */
  materialize(): ArrayBuffer | ArrayBufferView {
    const buffer = ByteSlab.alone(this.slab, this.start, this.size);
    if (this.kind === 0) return buffer;
    if (this.kind === POOLED_BUFFER) return Buffer.from(buffer, this.byteOffset, this.length);
    const Class = globalThis[POOLED_CLASSES[this.kind]!] as unknown as new (b: ArrayBuffer, o: number, l: number) => ArrayBufferView;
    return new Class(buffer, this.byteOffset, this.length);
  }
}

/** The container of a pooled buffer that is itself the value taken: the slot it will get once it has one. */
export const ROOT: object = Object.freeze({});

/**
 * Releases the slab copies of a task's pooled buffers (`container, key, buffer` triples, as `item.pooled` holds
 * them) once its worker has read them, each copy once although several views may share it (see {@link ByteSlab}).
 *
 * @example
 * ```ts
 * if (item.pooled !== undefined) releasePooled(item.pooled, rules.slab); // the worker answered the task
 * ```
 */
export function releasePooled(pooled: readonly unknown[], slab: ByteSlab): void {
  for (let i = 2; i < pooled.length; i += 3) {
    const buffer = pooled[i] as PooledBuffer;
    let seen = false;
    for (let j = 2; j < i && !seen; j += 3) {
      const other = pooled[j] as PooledBuffer;
      seen = other.slab === buffer.slab && other.start === buffer.start;
    }
    if (!seen) slab.release(buffer.slab);
  }
}
