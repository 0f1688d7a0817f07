import type { TransferListItem } from 'node:worker_threads';
import type { Future } from '../Future';
import { ARGUMENT_LISTS, ONE_CALL, SINGLE_ARGUMENTS, type ChunkShape } from '../tasks/callShapes';
import type { Task } from '../tasks/Task';
import type { SubmitOptions } from './ExecutorOptions';
import type { StreamChannel } from '../streaming/StreamChannel';
import type { RetryRun } from './RetryRun';
import type { TaskTrace } from '../internal/taskTracing';

/** The fields of a {@link WorkItem} that most tasks never set, kept apart (see its accessors). */
interface RareFields {
  timer?: NodeJS.Timeout;
  stream?: StreamChannel<unknown>;
  moves?: TransferListItem[];
  pooled?: unknown[];
  lent?: ArrayBuffer[];
  retry?: RetryRun;
  trace?: TaskTrace;
}

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
  /**
   * `true` if `args` were taken one by one before the item was made (`Executor.takeArgument`, for map's chunks and
   * the operators), so the executor does not take them again.
   */
  taken = false;
  /**
   * The fields most tasks never set (a timeout's timer, a stream, a pool's copies of the arguments, retries, a trace),
   * in one record made on the first write: a plain task holds one empty field instead of seven, 48 bytes less for
   * each queued task. The accessors below read and write it.
   */
  private rare: RareFields | undefined = undefined;

  private setRare<K extends keyof RareFields>(key: K, value: RareFields[K]): void {
    if (value !== undefined || this.rare !== undefined) (this.rare ??= {})[key] = value;
  }

  /** @internal The running task's deadline timer, if it has a timeout (the Executor's). */
  get timer(): NodeJS.Timeout | undefined {
    return this.rare?.timer;
  }
  /** @internal */
  set timer(value: NodeJS.Timeout | undefined) {
    this.setRare('timer', value);
  }

  /** Set by a worker pool on a stream task (`Executor.stream`): where the values its worker sends go. */
  get stream(): StreamChannel<unknown> | undefined {
    return this.rare?.stream;
  }
  /** Set by a worker pool on a stream task (`undefined` on others). */
  set stream(value: StreamChannel<unknown> | undefined) {
    this.setRare('stream', value);
  }

  /** Set by a worker pool when it takes the arguments: what to transfer (move) to the worker rather than copy. */
  get moves(): TransferListItem[] | undefined {
    return this.rare?.moves;
  }
  /** Set by the pool that takes the arguments (`undefined` on an item without such copies). */
  set moves(value: TransferListItem[] | undefined) {
    this.setRare('moves', value);
  }

  /**
   * Set by a thread pool when it takes the arguments: `container, key, buffer` triples of the small buffers it copied
   * into shared slabs, which the worker copies out of and puts back in place.
   */
  get pooled(): unknown[] | undefined {
    return this.rare?.pooled;
  }
  /** Set by the pool that takes the arguments (`undefined` on an item without such copies). */
  set pooled(value: unknown[] | undefined) {
    this.setRare('pooled', value);
  }

  /**
   * Set by a thread pool when it takes the arguments: buffers its copies were lent (see `CopyRules.lendBelow`), which
   * travel copied and are given back once the worker has answered the task.
   */
  get lent(): ArrayBuffer[] | undefined {
    return this.rare?.lent;
  }
  /** Set by the pool that takes the arguments (`undefined` on an item without such copies). */
  set lent(value: ArrayBuffer[] | undefined) {
    this.setRare('lent', value);
  }

  /** @internal Set on each attempt of a task submitted with `retries`: told when the attempt starts. */
  get retry(): RetryRun | undefined {
    return this.rare?.retry;
  }
  /** @internal */
  set retry(value: RetryRun | undefined) {
    this.setRare('retry', value);
  }

  /** @internal The task's OpenTelemetry span, when `@opentelemetry/api` is installed and a tracer records it. */
  get trace(): TaskTrace | undefined {
    return this.rare?.trace;
  }
  /** @internal */
  set trace(value: TaskTrace | undefined) {
    this.setRare('trace', value);
  }

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

/**
 * The W3C trace context (`traceparent`, and `tracestate` if any) of the item's OpenTelemetry span, for a transport
 * that sends the task to another process with its own SDK: the other side runs it under
 * {@link withTraceContext}, and its span of the task joins the trace. `undefined` when the item is not traced
 * (`@opentelemetry/api` is not installed, or no tracer records it).
 *
 * @example
 * ```ts
 * const job = { task: item.fn.name, args: item.args, trace: traceContextOf(item) };
 * ```
 */
export function traceContextOf(item: WorkItem): Record<string, string> | undefined {
  return item.trace?.carrier();
}
