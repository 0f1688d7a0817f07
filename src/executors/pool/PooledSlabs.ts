import type { PooledMessage } from '../../worker/protocol';
import type { PooledBuffer } from './PooledBuffer';

/**
 * The pooled buffers of one `RUN` message (see `PooledMessage` in the worker protocol): the shared slabs holding
 * its tasks' small buffers, which travel as they are (shared memory: no copy, no transfer), and where each buffer
 * goes back, in two flat lists for the whole message (cheaper to clone than a few lists per task).
 *
 * @example
 * ```ts
 * const pooled = new PooledSlabs();
 * for (const item of items) if (item.pooled !== undefined) pooled.add(item.pooled);
 * worker.postMessage([RUN, definitions, tasks, pooled.message()]);
 * ```
 */
export class PooledSlabs {
  private readonly slabs: SharedArrayBuffer[] = [];
  private readonly places: unknown[] = [];
  private readonly buffers: number[] = [];
  private readonly slabNumbers = new Map<ArrayBufferLike, number>();
  private readonly bufferNumbers = new Map<PooledBuffer, number>();

  /** Adds a task's pooled buffers: `container, key, buffer` triples, as `item.pooled` holds them. */
  add(pooled: readonly unknown[]): void {
    const { places, buffers } = this;
    for (let i = 0; i < pooled.length; i += 3) {
      const buffer = pooled[i + 2] as PooledBuffer;
      let number = this.bufferNumbers.get(buffer);
      if (number === undefined) {
        number = buffers.length / 6;
        this.bufferNumbers.set(buffer, number);
        const { bytes } = buffer;
        buffers.push(this.slabOf(bytes.buffer), bytes.byteOffset, bytes.byteLength, buffer.kind, buffer.byteOffset, buffer.length);
      }
      places.push(pooled[i], pooled[i + 1], number);
    }
  }

  /** The message's pooled buffers, or `null` if none were added. */
  message(): PooledMessage | null {
    return this.places.length === 0 ? null : [this.slabs, this.places, this.buffers];
  }

  private slabOf(slab: ArrayBufferLike): number {
    let number = this.slabNumbers.get(slab);
    if (number === undefined) {
      number = this.slabs.length;
      this.slabNumbers.set(slab, number);
      this.slabs.push(slab as SharedArrayBuffer);
    }
    return number;
  }
}
