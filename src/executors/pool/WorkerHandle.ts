import type { TransferListItem } from 'node:worker_threads';
import type { FromWorker, ToWorker } from '../../worker/protocol';

/**
 * What a pool needs from one of its workers (a thread, a process, or whatever a {@link PoolExecutor} subclass runs
 * the worker runtime in): the transport a pool kind supplies from `startWorker`. The messages are the pool's own:
 * pass them through as they are.
 *
 * @example
 * ```ts
 * protected startWorker(name: string, events: WorkerEvents): WorkerHandle {
 *   const worker = new Worker(runtimePath(), { name });
 *   worker.on('message', events.message);
 *   worker.on('error', events.error);
 *   worker.on('exit', (code) => events.exit(code, null));
 *   return {
 *     id: worker.threadId,
 *     send: (message, transfer) => worker.postMessage(message, transfer),
 *     ref: () => worker.ref(),
 *     unref: () => worker.unref(),
 *     kill: () => void worker.terminate(),
 *     stop: () => void worker.terminate(),
 *   };
 * }
 * ```
 */
export interface WorkerHandle {
  /** The thread id or process id. */
  readonly id: number;
  /** Sends a message; throws synchronously if it cannot be cloned. */
  send(message: ToWorker, transfer?: TransferListItem[]): void;
  /** Keeps the program alive while the worker has work. */
  ref(): void;
  /** Lets the program exit while the worker is idle. */
  unref(): void;
  /** Ends the worker at once; its exit is reported through {@link WorkerEvents.exit}. */
  kill(): void;
  /** Ends an idle worker politely (a process finishes its IPC traffic first). */
  stop(): void;
  /**
   * Optional: told that the worker answered `count` more of the tasks sent to it (they are answered in the order
   * sent), so that a transport can reuse what it kept for them (a process's bulk file).
   */
  answered?(count: number): void;
}

/**
 * What a transport reports about its worker, to the pool: each message it sends, an error it reports, and its exit.
 * A pool passes one to `startWorker`; the transport calls it from its worker's events.
 *
 * @example
 * ```ts
 * child.on('message', events.message);
 * child.on('error', events.error);
 * child.on('exit', (code, signal) => events.exit(code, signal));
 * ```
 */
export interface WorkerEvents {
  /** A message from the worker runtime, as it arrived. */
  message(message: FromWorker): void;
  /** An error the worker reported (an uncaught exception, out of memory): kept as the cause of a crash that follows. */
  error(error: unknown): void;
  /** The worker has ended: with an exit code, or killed by a signal (`null` for the one not known). */
  exit(code: number | null, signal: string | null): void;
}
