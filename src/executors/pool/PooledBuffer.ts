import { POOLED_CLASSES } from '../../worker/protocol';
import { ByteSlab } from './ByteSlab';

/**
 * A small buffer argument copied into the shared slab (see {@link StructuredCopy}): its ArrayBuffer's bytes, and
 * what the worker rebuilds over them. Views of one ArrayBuffer share `bytes`, so they share one ArrayBuffer again
 * in the worker.
 *
 * @example
 * ```ts
 * const pooled = new PooledBuffer(slab.copy(buffer, 0, buffer.byteLength), 0, 0, buffer.byteLength); // the ArrayBuffer itself
 * ```
 */
export class PooledBuffer {
  /**
   * @param bytes - a copy of the whole ArrayBuffer, in the slab.
   * @param kind - the class to rebuild: an index in `POOLED_CLASSES` (0: the ArrayBuffer itself).
   * @param byteOffset - a view's offset in its ArrayBuffer.
   * @param length - a view's length in elements (bytes for a DataView).
   */
  constructor(
    readonly bytes: Uint8Array,
    readonly kind: number,
    readonly byteOffset: number,
    readonly length: number,
  ) {}

  /**
   * The buffer rebuilt here, in an ArrayBuffer of its own: for the rare place a worker cannot put it back (an entry
   * of a Map or Set). It is then a separate object from the same buffer placed elsewhere in the arguments.
   */
  materialize(): ArrayBuffer | ArrayBufferView {
    const { bytes } = this;
    const buffer = ByteSlab.alone(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (this.kind === 0) return buffer;
    const Class = globalThis[POOLED_CLASSES[this.kind]!] as unknown as new (b: ArrayBuffer, o: number, l: number) => ArrayBufferView;
    return new Class(buffer, this.byteOffset, this.length);
  }
}

/** The container of a pooled buffer that is itself the value taken: the slot it will get once it has one. */
export const ROOT: object = Object.freeze({});
