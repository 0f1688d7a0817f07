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

  /** Adds a task's pooled buffers: `container, key, buffer` triples, as `item.pooled` holds them. */
  add(pooled: readonly unknown[]): void {
    const { places, buffers } = this;
    const base = places.length;
    for (let i = 0; i < pooled.length; i += 3) {
      const buffer = pooled[i + 2] as PooledBuffer;
      let number = -1;
      // One buffer in two places of a task's arguments is one object there too: it is described once.
      for (let j = 2; j < i + 2 && number < 0; j += 3) if (pooled[j] === buffer) number = places[base + j] as number;
      if (number < 0) {
        number = buffers.length / 6;
        buffers.push(this.slabOf(buffer.slab), buffer.start, buffer.size, buffer.kind, buffer.byteOffset, buffer.length);
      }
      places.push(pooled[i], pooled[i + 1], number);
    }
  }

  /** The message's pooled buffers, or `null` if none were added. */
  message(): PooledMessage | null {
    return this.places.length === 0 ? null : [this.slabs, this.places, this.buffers];
  }

  /** The slab's number in this message (a message holds a few slabs: a search is quicker than a map). */
  private slabOf(slab: ArrayBufferLike): number {
    const { slabs } = this;
    for (let i = slabs.length - 1; i >= 0; i--) if (slabs[i] === slab) return i;
    return slabs.push(slab as SharedArrayBuffer) - 1;
  }
}
