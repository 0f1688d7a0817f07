import { readSync } from 'node:fs';
import type { PooledMessage } from './protocol';

/** The descriptor a child process's bulk file arrives at: the `stdio` entry after the IPC channel. */
export const BULK_FD = 4;

/**
 * Whether this child process can read the bulk file its parent made for it (see `BulkFile`): it reads, at the start
 * of the file open at {@link BULK_FD}, the random `identity` the parent wrote there. Checked, not assumed: a runtime
 * that does not pass extra `stdio` entries on (or passes something else there), or cannot read a file at a position,
 * reads nothing from it.
 *
 * @example
 * ```ts
 * if (canReadBulk(process.argv[3])) process.send([BULK_READY]);
 * ```
 */
export function canReadBulk(identity: string | undefined): boolean {
  if (identity === undefined || identity.length === 0) return false;
  try {
    const probe = Buffer.alloc(identity.length);
    return readSync(BULK_FD, probe, 0, probe.length, 0) === probe.length && probe.toString('latin1') === identity;
  } catch {
    return false;
  }
}

/**
 * Reads the slabs of a `RUN` message that its parent wrote into the bulk file (`[start, length]` in place of the
 * bytes: see `BulkBytes` in the worker protocol), each into memory of its own of exactly its length, and puts them
 * in their places, so the message then holds its bytes as if it had carried them. Call it when the message arrives:
 * the parent keeps the bytes only until the message's tasks are answered.
 *
 * @example
 * ```ts
 * process.on('message', (message) => {
 *   if (message[0] === RUN && message[3] !== null) readBulkSlabs(message[3]);
 *   handler(message);
 * });
 * ```
 * @throws if the file holds fewer bytes than the message says (it never does, unless the parent is gone).
 */
export function readBulkSlabs([slabs]: PooledMessage): void {
  for (let i = 0; i < slabs.length; i++) {
    const slab = slabs[i];
    if (!Array.isArray(slab)) continue;
    const [start, length] = slab;
    // Not zero-filled first: every byte is read into it.
    const bytes = Buffer.allocUnsafeSlow(length);
    for (let done = 0; done < length; ) {
      const read = readSync(BULK_FD, bytes, done, length - done, start + done);
      if (read === 0) throw new Error(`the bulk file ended ${length - done} bytes early`);
      done += read;
    }
    slabs[i] = new Uint8Array(bytes.buffer, 0, length);
  }
}
