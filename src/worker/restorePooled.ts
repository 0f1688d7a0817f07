import { POOLED_BUFFER, POOLED_CLASSES, type PooledMessage } from './protocol';

type BufferClass = (new (buffer: ArrayBufferLike, byteOffset: number, length: number) => ArrayBufferView) & { BYTES_PER_ELEMENT?: number };
const CLASSES = POOLED_CLASSES.map((name) => globalThis[name]) as unknown as BufferClass[];

/**
 * Puts the pooled buffers of a `RUN` message back in its tasks' arguments (see {@link PooledMessage}), so each task
 * sees what its transport would have delivered. Out of a shared slab (a worker thread), each gets an ArrayBuffer of
 * its own, copied out (buffers whose bytes are the same share one ArrayBuffer again). Out of a slab's bytes sent in
 * the message (a child process), each view is made over those bytes, as the serializer makes a view over the
 * message it read; an ArrayBuffer gets its own copy (or the slab's memory itself, where that is exactly its bytes).
 *
 * @example
 * ```ts
 * if (message[3] !== null) restorePooled(message[3]); // before the tasks are queued
 * ```
 */
export function restorePooled([slabs, places, buffers]: PooledMessage): void {
  const arrays = new Map<number, ArrayBuffer>();
  const made: unknown[] = [];
  for (let i = 0; i < places.length; i += 3) {
    const number = places[i + 2] as number;
    let value = made[number];
    if (value === undefined) {
      const at = number * 6;
      const slab = slabs[buffers[at]!]!;
      // A slab in a bulk file was read into memory (readBulkSlabs) before the message got here.
      value = made[number] = ArrayBuffer.isView(slab) ? viewOver(slab, buffers, at) : copyOut(slab as SharedArrayBuffer, buffers, at, arrays);
    }
    const container = places[i] as Record<string | number, unknown>;
    const key = places[i + 1] as string | number;
    // An own "__proto__" key is data; assigning it would set the prototype instead.
    if (key === '__proto__') Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
    else container[key] = value;
  }
}

/** Buffer `at` (its six numbers in `buffers`) copied out of a shared slab; `arrays` holds those made, by place. */
function copyOut(slab: SharedArrayBuffer, buffers: number[], at: number, arrays: Map<number, ArrayBuffer>): unknown {
  const start = buffers[at + 1]!;
  const where = buffers[at]! * 2 ** 32 + start;
  let array = arrays.get(where);
  if (array === undefined) {
    // An ArrayBuffer of its own, not zero-filled first (every byte is written at once).
    const bytes = Buffer.allocUnsafeSlow(buffers[at + 2]!);
    bytes.set(new Uint8Array(slab, start, bytes.length));
    array = bytes.buffer as ArrayBuffer;
    arrays.set(where, array);
  }
  const kind = buffers[at + 3]!;
  return kind === 0 ? array : new CLASSES[kind]!(array, buffers[at + 4]!, buffers[at + 5]!);
}

/** Buffer `at` made over the slab bytes a message carried, where its element size allows (else over a copy). */
function viewOver(bytes: Uint8Array, buffers: number[], at: number): unknown {
  const memory = bytes.buffer;
  const start = bytes.byteOffset + buffers[at + 1]!;
  const size = buffers[at + 2]!;
  const kind = buffers[at + 3]!;
  const offset = start + buffers[at + 4]!;
  const length = buffers[at + 5]!;
  // Memory that is exactly the buffer's (a slab read from a bulk file, for one buffer alone) becomes it: no copy.
  if (kind === 0) return start === 0 && size === memory.byteLength ? memory : memory.slice(start, start + size);
  if (kind === POOLED_BUFFER) return Buffer.from(memory, offset, length);
  const Class = CLASSES[kind]!;
  if (offset % (Class.BYTES_PER_ELEMENT ?? 1) === 0) return new Class(memory, offset, length);
  // Not aligned for its elements where it lies in the message: copied out first, as the serializer does then.
  const own = Buffer.allocUnsafeSlow(size);
  own.set(new Uint8Array(memory, start, size));
  return new Class(own.buffer, buffers[at + 4]!, length);
}
