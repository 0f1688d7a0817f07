import { RUN, TASK_FIELDS, TRACED, type BulkBytes, type ToWorker } from '../../worker/protocol';
import type { BulkFile } from './BulkFile';

/**
 * Slabs of a message at least this long (bytes) travel through a child's bulk file. Below it, the IPC message's own
 * copies cost less than a write and a read of the file; at 64 KiB the file already costs less (see the benchmarks'
 * `payload` rows).
 */
export const BULK_FROM = 64 * 1024;

/** How many tasks a `RUN` message's task list holds (a traced task has one more value: its trace context). */
function countTasks(tasks: readonly unknown[]): number {
  let count = 0;
  for (let i = 0; i < tasks.length; i += (tasks[i + 1] as number) >= TRACED ? TASK_FIELDS + 1 : TASK_FIELDS) count++;
  return count;
}

/**
 * Sends a message to a child process whose runtime reads `file` (see {@link BulkFile}): the slabs of a `RUN` message
 * of at least {@link BULK_FROM} bytes are written into the file and the message carries where they are instead
 * (`BulkBytes`), so it stays small and in order with every other message. A slab the file has no room for travels
 * in the message as before. Every `RUN` is counted, so that the file knows which answers free which bytes.
 *
 * @example
 * ```ts
 * send: (message) => (file === undefined ? child.send(message) : sendWithBulk(file, message, (m) => child.send(m))),
 * ```
 * @throws what `send` throws (the message could not be serialized); the file's regions for it are free again then.
 */
export function sendWithBulk(file: BulkFile, message: ToWorker, send: (message: ToWorker) => void): void {
  if (message[0] !== RUN) return send(message);
  const pooled = message[3];
  if (pooled !== null) {
    const slabs = pooled[0];
    for (let i = 0; i < slabs.length; i++) {
      const slab = slabs[i];
      if (!(slab instanceof Uint8Array) || slab.byteLength < BULK_FROM) continue;
      const start = file.put(slab);
      if (start >= 0) slabs[i] = [start, slab.byteLength] satisfies BulkBytes;
    }
  }
  try {
    send(message);
  } catch (error) {
    file.unsent();
    throw error;
  }
  file.sent(countTasks(message[2]));
}
