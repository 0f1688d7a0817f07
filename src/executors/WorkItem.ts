import type { Future } from '../Future';
import type { Task } from '../tasks/Task';
import type { SubmitOptions } from './ExecutorOptions';
import type { StreamChannel } from './StreamChannel';

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

  constructor(
    readonly future: Future<unknown>,
    readonly fn: Task<unknown[], unknown>,
    readonly args: unknown[],
    readonly options: SubmitOptions | undefined,
    readonly chunk: ChunkShape,
  ) {}
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
