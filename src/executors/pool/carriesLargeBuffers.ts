import { types } from 'node:util';
import { ARGUMENT_LISTS, type WorkItem } from '../WorkItem';

/** Bytes of buffers in one task's arguments from which it is sent in a message of its own, over a copying transport. */
export const LARGE_TASK_BYTES = 256 * 1024;

/** The bytes a copying transport writes for one value, if it is a buffer (0 for anything else). */
function bufferBytes(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  if (types.isArrayBufferView(value) || types.isArrayBuffer(value)) return value.byteLength;
  return 0;
}

/**
 * `true` if a work item's arguments hold at least {@link LARGE_TASK_BYTES} of buffers (its arguments themselves, or
 * for a chunk each call's arguments; buffers nested deeper are not counted). Over a transport that copies what it
 * sends through a pipe (child processes), such a task goes in a message of its own: in a message with others, its
 * worker could start none of them before the last byte of all arrived, and their results would wait for each other.
 *
 * @example
 * ```ts
 * if (carriesLargeBuffers(item)) break; // send what was gathered; this one goes next, alone
 * ```
 */
export function carriesLargeBuffers(item: WorkItem): boolean {
  const args = item.args;
  let bytes = 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (item.chunk === ARGUMENT_LISTS) for (const value of arg as unknown[]) bytes += bufferBytes(value);
    else bytes += bufferBytes(arg);
    if (bytes >= LARGE_TASK_BYTES) return true;
  }
  return false;
}
