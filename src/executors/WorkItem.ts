import type { TransferListItem } from 'node:worker_threads';
import type { Future } from '../Future';
import type { Task } from '../tasks/Task';
import type { SubmitOptions } from './ExecutorOptions';
import type { StreamChannel } from './StreamChannel';
import type { RetryRun } from './RetryRun';

/**
 * {@link WorkItem.chunk}: the item is one call; `args` are its arguments.
 *
 * @example
 * ```ts
 * if (item.chunk === ONE_CALL) return fn(...item.args);
 * ```
 */
export const ONE_CALL = 0;
/**
 * {@link WorkItem.chunk}: the item is a chunk of calls (`map` with `chunksize` over several iterables); `args` holds
 * one argument list per call, and the item resolves to the array of their results.
 *
 * @example
 * ```ts
 * if (item.chunk === ARGUMENT_LISTS) for (const args of item.args as unknown[][]) results.push(await fn(...args));
 * ```
 */
export const ARGUMENT_LISTS = 1;
/**
 * {@link WorkItem.chunk}: the item is a chunk of one-argument calls (`map` with `chunksize` over one iterable, the
 * operators' chunks); `args` holds each call's argument (no list each, which workers clone far faster).
 *
 * @example
 * ```ts
 * if (item.chunk === SINGLE_ARGUMENTS) for (const arg of item.args) results.push(await fn(arg));
 * ```
 */
export const SINGLE_ARGUMENTS = 2;
/**
 * How a chunk item's `args` hold its calls: {@link ARGUMENT_LISTS} or {@link SINGLE_ARGUMENTS}.
 *
 * @example
 * ```ts
 * const shape: ChunkOfCalls = iterables.length === 1 ? SINGLE_ARGUMENTS : ARGUMENT_LISTS;
 * ```
 */
export type ChunkOfCalls = typeof ARGUMENT_LISTS | typeof SINGLE_ARGUMENTS;
/**
 * What a work item's `args` hold: {@link ONE_CALL}, or a chunk of calls. {@link runCalls} runs any of them.
 *
 * @example
 * ```ts
 * const message = { chunk: item.chunk satisfies ChunkShape, args: item.args }; // runCalls(fn, chunk, args) on the far side
 * ```
 */
export type ChunkShape = typeof ONE_CALL | ChunkOfCalls;

/**
 * One submitted call waiting for, or holding, a worker: the executors' unit of work. The Executor makes one per
 * `submit` (and per chunk of `map`) and hands it to its subclass's `enqueue`; the subclass starts it with
 * `startItem`, runs its calls (see {@link runCalls}, {@link invokeItem}) and settles it with `finishItem`.
 * A chunk item (`chunk` not {@link ONE_CALL}) carries several calls and resolves to the array of their results (see
 * `map`'s chunksize).
 *
 * @example
 * ```ts
 * protected enqueue(item: WorkItem): void {
 *   this.queue.push(item); // later: if (this.startItem(item)) send(item.fn, item.chunk, item.args)
 * }
 * ```
 */
export class WorkItem {
  /** @internal The running task's deadline timer, if it has a timeout (the Executor's). */
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
  /** @internal Set on each attempt of a task submitted with `retries`: told when the attempt starts. */
  retry: RetryRun | undefined = undefined;

  /** Made by the Executor; a subclass receives items, it does not make them. */
  constructor(
    /** Settled by `finishItem` with the task's outcome (or failed by an abort, a timeout, a broken executor). */
    readonly future: Future<unknown>,
    /** The task: a function, or a `ModuleTask` naming an exported one. */
    readonly fn: Task<unknown[], unknown>,
    /**
     * The calls' arguments, held as {@link WorkItem.chunk} says. A worker pool replaces them with its copy when it
     * takes them at submit (see {@link WorkItem.taken}).
     */
    public args: unknown[],
    /** The `submitWith` options (`signal`, `timeout`, `transfer`), already checked; `undefined` for none. */
    readonly options: SubmitOptions | undefined,
    /** How `args` hold the calls: {@link ONE_CALL}, {@link ARGUMENT_LISTS} or {@link SINGLE_ARGUMENTS}. */
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

/**
 * An item's `priority` option (`undefined` for the default, 0): the key of the executors' waiting queues.
 *
 * @example
 * ```ts
 * const queue = new WaitingQueue<WorkItem>(priorityOf);
 * ```
 */
export function priorityOf(item: WorkItem): number | undefined {
  return item.options?.priority;
}

/**
 * Hands a progress value the item's task reported (`reportProgress()`) to the future the user holds: the item's own,
 * or for an attempt of a retried task, the task's future.
 *
 * @example
 * ```ts
 * if (message.kind === 'progress') reportItemProgress(item, message.value);
 * ```
 */
export function reportItemProgress(item: WorkItem, value: unknown): void {
  (item.retry?.future ?? item.future)._reportProgress(value);
}
