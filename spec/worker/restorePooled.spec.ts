/**
 * A child process receives its tasks' small buffers as the bytes of their slabs in the message (one Uint8Array per
 * slab, which the serializer delivers as a view over the message it read). restorePooled puts each buffer back as
 * the serializer would have delivered it on its own: a view over the message's memory where its elements are
 * aligned there, a copy otherwise; a Buffer stays a Buffer; an ArrayBuffer has memory of its own.
 */
import { POOLED_BUFFER, POOLED_CLASSES, type PooledMessage } from '../../src/worker/protocol';
import { restorePooled } from '../../src/worker/restorePooled';

const FLOAT64 = POOLED_CLASSES.indexOf('Float64Array');

/** A message's slab bytes at `offset` in a larger memory, holding 1.5 and -2.25 as doubles from byte 8. */
function slabBytesAt(offset: number): Uint8Array {
  const memory = new ArrayBuffer(64 + offset);
  const bytes = new Uint8Array(memory, offset, 64);
  const doubles = new Float64Array([1.5, -2.25]);
  bytes.set(new Uint8Array(doubles.buffer), 8);
  return bytes;
}

/** Restores one buffer (six numbers, see PooledMessage) out of `bytes` into a one-argument list. */
function restoreOne(bytes: Uint8Array, buffer: number[]): unknown {
  const args: unknown[] = [null];
  const message: PooledMessage = [[bytes], [args, 0, 0], [0, ...buffer]];
  restorePooled(message);
  return args[0];
}

describe('restorePooled with slab bytes sent in the message (child processes)', () => {
  it('a view whose elements are aligned in the message is made over the message memory, as the serializer makes it', () => {
    const bytes = slabBytesAt(8);
    const view = restoreOne(bytes, [8, 16, FLOAT64, 0, 2]) as Float64Array;
    expect(view).toBeInstanceOf(Float64Array);
    expect(Array.from(view)).toEqual([1.5, -2.25]);
    expect(view.buffer).toBe(bytes.buffer);
    expect(view.byteOffset).toBe(16);
  });

  it('a view whose elements would be misaligned in the message gets memory of its own', () => {
    const bytes = slabBytesAt(3);
    const view = restoreOne(bytes, [8, 16, FLOAT64, 0, 2]) as Float64Array;
    expect(Array.from(view)).toEqual([1.5, -2.25]);
    expect(view.buffer).not.toBe(bytes.buffer);
  });

  it('a Buffer stays a Buffer, over the message memory', () => {
    const bytes = slabBytesAt(1);
    bytes.set([5, 6, 7], 40);
    const buffer = restoreOne(bytes, [40, 3, POOLED_BUFFER, 0, 3]) as Buffer;
    expect(Buffer.isBuffer(buffer)).toBe(true);
    expect([...buffer]).toEqual([5, 6, 7]);
    expect(buffer.buffer).toBe(bytes.buffer);
  });

  it('an ArrayBuffer gets memory of its own, of its length', () => {
    const bytes = slabBytesAt(0);
    bytes.set([9, 8], 48);
    const array = restoreOne(bytes, [48, 2, 0, 0, 2]) as ArrayBuffer;
    expect(array).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(array)]).toEqual([9, 8]);
    bytes[48] = 0;
    expect(new Uint8Array(array)[0]).toBe(9);
  });
});
