import type { Future } from '../Future';
import type { TransferListItem } from 'node:worker_threads';
import type { Task } from '../tasks/Task';
import type { StreamChannel } from './StreamChannel';

/**
 * Per-task options of {@link Executor.submitWith}.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const future = executor.submitWith({ signal: controller.signal, timeout: 2000 }, crunch, input);
 * ```
 */
export interface SubmitOptions {
  /** Aborts the task: a queued task is removed, a running one is stopped (see the executor). */
  signal?: AbortSignal;
  /** Milliseconds the task may run, counted from the moment it starts (time in the queue does not count). */
  timeout?: number;
  /**
   * Objects to move rather than copy to a worker thread (ArrayBuffer, MessagePort, ...): they are detached from the
   * caller when `submitWith` returns, as `postMessage` detaches them. A process pool copies the ArrayBuffers and then
   * detaches them the same way (it refuses MessagePorts). The AsyncExecutor ignores the list.
   */
  transfer?: readonly TransferListItem[];
}

/** {@link WorkItem.chunk}: the item is one call; `args` are its arguments. */
export const ONE_CALL = 0;
/** {@link WorkItem.chunk}: the item is a chunk of calls; `args` holds one argument list per call. */
export const ARGUMENT_LISTS = 1;
/** {@link WorkItem.chunk}: the item is a chunk of one-argument calls; `args` holds each call's argument (no list each). */
export const SINGLE_ARGUMENTS = 2;
/** How a chunk item's `args` hold its calls: {@link ARGUMENT_LISTS} or {@link SINGLE_ARGUMENTS}. */
export type ChunkOfCalls = typeof ARGUMENT_LISTS | typeof SINGLE_ARGUMENTS;
/** What a work item's `args` hold: {@link ONE_CALL}, or a chunk of calls. */
export type ChunkShape = typeof ONE_CALL | ChunkOfCalls;

/**
 * One submitted call waiting for, or holding, a worker: the executors' unit of work.
 * A chunk item (`chunk` not {@link ONE_CALL}) carries several calls and resolves to the array of their results (see
 * `map`'s chunksize).
 */
export class WorkItem {
  /** The running task's deadline timer, if it has a timeout. */
  timer: NodeJS.Timeout | undefined = undefined;
  /** Set by a worker pool on a stream task (`Executor.stream`): where the values its worker sends go. */
  stream: StreamChannel<unknown> | undefined = undefined;
  /**
   * `true` if `args` were taken one by one before the item was made (`Executor.takeArgument`, for map's chunks and
   * the operators), so the executor does not take them again.
   */
  taken = false;
  /** Set by a worker pool when it takes the arguments: what to transfer (move) to the worker rather than copy. */
  moves: TransferListItem[] | undefined = undefined;
  /**
   * Set by a thread pool when it takes the arguments: `container, key, buffer` triples of the small buffers it copied
   * into shared slabs, which the worker copies out of and puts back in place.
   */
  pooled: unknown[] | undefined = undefined;

  /**
   * @param args - the call's arguments, or a chunk's calls; a worker pool replaces them with its copy when it takes
   * them at submit.
   */
  constructor(
    readonly future: Future<unknown>,
    readonly fn: Task<unknown[], unknown>,
    public args: unknown[],
    readonly options: SubmitOptions | undefined,
    readonly chunk: ChunkShape,
  ) {}
}

/**
 * How many calls an item carries: 1, or the size of its chunk.
 *
 * @example
 * ```ts
 * completed += callCount(item); // a map chunk of 50 calls counts 50
 * ```
 */
export function callCount(item: WorkItem): number {
  return item.chunk === ONE_CALL ? 1 : item.args.length;
}

/**
 * The argument lists of an item's calls, whatever its shape: one list for a single call.
 *
 * @example
 * ```ts
 * for (const args of callArguments(item)) results.push(await fn(...args));
 * ```
 */
export function callArguments(item: WorkItem): unknown[][] {
  if (item.chunk === ONE_CALL) return [item.args];
  if (item.chunk === SINGLE_ARGUMENTS) return item.args.map((arg) => [arg]);
  return item.args as unknown[][];
}
