import { ReuseWindow } from './ReuseWindow';

/**
 * Bytes of spare buffers kept at most by default, all lengths together: enough for the buffers of a few tasks in
 * flight, up to a few of the largest lent (just under 2 MiB on the thread pool).
 */
const KEEP_BYTES = 8 * 1024 * 1024;

/**
 * ArrayBuffers lent to argument copies that the transport copies again when their task is sent: the next copy of the
 * same length reuses one given back, warm, instead of allocating fresh memory that the garbage collector must account
 * for and free. For mid-sized buffers (tens of KiB), allocating and freeing cost more than copying the bytes; large
 * ones are better moved to the worker (see `CopyRules.lendBelow`).
 *
 * A buffer must be given back only once nothing can read it any more: once its task was answered. Posting the message
 * that carried it is not enough: a task sent but not answered is sent again if its worker is stopped. Spares are kept
 * only while they are being reused: a second after the last reuse, they go to the garbage collector.
 *
 * @example
 * ```ts
 * const spares = new SpareBuffers();
 * const copy = spares.take(65536); // not zero-filled: write every byte
 * worker.postMessage(copy); // a copy of the copy travels
 * // ... once the worker has answered:
 * spares.give(copy);
 * ```
 */
export class SpareBuffers {
  /**
   * @param keepBytes - bytes of spare buffers kept at most, all lengths together (a pool that lends larger buffers
   * keeps more). @default 8 MiB
   */
  constructor(private readonly keepBytes = KEEP_BYTES) {}

  /** Free buffers by length. */
  private free = new Map<number, ArrayBuffer[]>();
  private keptBytes = 0;
  /** Kept while they are reused (see the class comment). */
  private readonly window = new ReuseWindow(
    () => this.keptBytes > 0,
    () => {
      this.free = new Map();
      this.keptBytes = 0;
    },
  );

  /** A buffer of exactly `length` bytes, reused if one is free (its old bytes are still there: overwrite them all). */
  take(length: number): ArrayBuffer {
    const spares = this.free.get(length);
    if (spares !== undefined) {
      this.keptBytes -= length;
      this.window.reused();
      // No empty list stays behind: buffers of lengths never seen again leave no trace.
      if (spares.length === 1) this.free.delete(length);
      return spares.pop()!;
    }
    return Buffer.allocUnsafeSlow(length).buffer as ArrayBuffer;
  }

  /** Takes back a buffer that {@link SpareBuffers.take} gave, once nothing reads it any more; kept if there is room. */
  give(buffer: ArrayBuffer): void {
    const length = buffer.byteLength;
    // A buffer moved away in the meantime has no bytes left to reuse.
    if (length === 0 || this.keptBytes + length > this.keepBytes) return;
    let spares = this.free.get(length);
    if (spares === undefined) this.free.set(length, (spares = []));
    spares.push(buffer);
    this.keptBytes += length;
    this.window.kept();
  }
}

/**
 * Gives back the buffers lent to one task's copies, once its worker has answered it (see {@link SpareBuffers}).
 *
 * @example
 * ```ts
 * if (item.lent !== undefined) giveBack(item.lent, rules.spares!);
 * ```
 */
export function giveBack(lent: readonly ArrayBuffer[], spares: SpareBuffers): void {
  for (let i = 0; i < lent.length; i++) spares.give(lent[i]!);
}
