import { types } from 'node:util';
import type { PooledMessage } from '../../worker/protocol';
import type { PooledBuffer } from './PooledBuffer';

/**
 * The pooled buffers of one `RUN` message (see `PooledMessage` in the worker protocol): the slabs holding its tasks'
 * small buffers, and where each buffer goes back, in two flat lists for the whole message (cheaper to clone than a
 * few lists per task). A shared slab travels as it is (shared memory: no copy, no transfer); a plain slab (child
 * processes) travels as a Uint8Array of the part this message's buffers use, whose starts are then counted from there.
 *
 * @example
 * ```ts
 * const pooled = new PooledSlabs();
 * for (const item of items) if (item.pooled !== undefined) pooled.add(item.pooled);
 * worker.postMessage([RUN, definitions, tasks, pooled.message()]);
 * ```
 */
export class PooledSlabs {
  private readonly slabs: ArrayBufferLike[] = [];
  /** Per slab, the first and the last byte (excluded) its buffers here use. */
  private readonly used: number[] = [];
  private readonly places: unknown[] = [];
  private readonly buffers: number[] = [];

  /**
   * Adds a task's pooled buffers: `container, key, buffer` triples, as `item.pooled` holds them. A task whose lone
   * argument travels without its list (`args`) has that argument's place in the list moved to `tasks[at]`, where it
   * lies in the message.
   */
  add(pooled: readonly unknown[], args?: readonly unknown[], tasks?: unknown[], at?: number): void {
    const { places, buffers } = this;
    const base = places.length;
    for (let i = 0; i < pooled.length; i += 3) {
      const buffer = pooled[i + 2] as PooledBuffer;
      let number = -1;
      // One buffer in two places of a task's arguments is one object there too: it is described once.
      for (let j = 2; j < i + 2 && number < 0; j += 3) if (pooled[j] === buffer) number = places[base + j] as number;
      if (number < 0) {
        number = buffers.length / 6;
        const { start, size } = buffer;
        const slab = this.slabOf(buffer.slab, start, start + size);
        buffers.push(slab, start, size, buffer.kind, buffer.byteOffset, buffer.length);
      }
      if (pooled[i] === args) places.push(tasks, at, number);
      else places.push(pooled[i], pooled[i + 1], number);
    }
  }

  /** The message's pooled buffers, or `null` if none were added. */
  message(): PooledMessage | null {
    if (this.places.length === 0) return null;
    const { slabs, used, buffers } = this;
    const sent: Array<SharedArrayBuffer | Uint8Array> = new Array(slabs.length);
    for (let i = 0; i < slabs.length; i++) {
      const slab = slabs[i]!;
      if (!types.isArrayBuffer(slab)) {
        sent[i] = slab as SharedArrayBuffer;
        continue;
      }
      const first = used[2 * i]!;
      sent[i] = new Uint8Array(slab, first, used[2 * i + 1]! - first);
      if (first > 0) for (let at = 0; at < buffers.length; at += 6) if (buffers[at] === i) buffers[at + 1]! -= first;
    }
    return [sent, this.places, buffers];
  }

  /**
   * The slab's number in this message (a message holds a few slabs: a search is quicker than a map), widening the
   * part of it in use to `start`..`end`.
   */
  private slabOf(slab: ArrayBufferLike, start: number, end: number): number {
    const { slabs, used } = this;
    for (let i = slabs.length - 1; i >= 0; i--) {
      if (slabs[i] !== slab) continue;
      if (start < used[2 * i]!) used[2 * i] = start;
      if (end > used[2 * i + 1]!) used[2 * i + 1] = end;
      return i;
    }
    used.push(start, end);
    return slabs.push(slab) - 1;
  }
}
