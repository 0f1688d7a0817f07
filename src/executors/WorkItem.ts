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
  /** Objects to move rather than copy to a worker thread (ArrayBuffer, MessagePort, ...). */
  transfer?: readonly TransferListItem[];
}

/**
 * One submitted call waiting for, or holding, a worker: the executors' unit of work.
 * A chunk item carries several argument lists and resolves to the array of their results (see `map`'s chunksize).
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
    readonly chunk: boolean,
  ) {}
}
