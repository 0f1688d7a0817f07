import { POOLED_CLASSES, type PooledMessage } from './protocol';

type BufferClass = new (buffer: ArrayBuffer, byteOffset: number, length: number) => ArrayBufferView;
const CLASSES = POOLED_CLASSES.map((name) => globalThis[name]) as unknown as BufferClass[];

/**
 * Puts the pooled buffers of a `RUN` message back in its tasks' arguments (see {@link PooledMessage}): each gets an
 * ArrayBuffer of its own, copied out of the message's shared slabs (buffers whose bytes are the same share one
 * ArrayBuffer again), and goes to its place, so each task sees what postMessage would have delivered.
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
      const slab = buffers[at]!;
      const start = buffers[at + 1]!;
      const where = slab * 2 ** 32 + start;
      let array = arrays.get(where);
      if (array === undefined) {
        // An ArrayBuffer of its own, not zero-filled first (every byte is written at once).
        const bytes = Buffer.allocUnsafeSlow(buffers[at + 2]!);
        bytes.set(new Uint8Array(slabs[slab]!, start, bytes.length));
        array = bytes.buffer as ArrayBuffer;
        arrays.set(where, array);
      }
      const kind = buffers[at + 3]!;
      value = made[number] = kind === 0 ? array : new CLASSES[kind]!(array, buffers[at + 4]!, buffers[at + 5]!);
    }
    const container = places[i] as Record<string | number, unknown>;
    const key = places[i + 1] as string | number;
    // An own "__proto__" key is data; assigning it would set the prototype instead.
    if (key === '__proto__') Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
    else container[key] = value;
  }
}
