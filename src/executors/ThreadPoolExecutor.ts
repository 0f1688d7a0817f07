import { Worker, type ResourceLimits } from 'node:worker_threads';
import { BrokenThreadPool } from '../errors/BrokenThreadPool';
import { ThreadWorkerExitError } from '../errors/ThreadWorkerExitError';
import { checkOptions, describe } from '../internal/validate';
import { runtimePath } from '../worker/runtimePath';
import { PoolExecutor, type PoolFaults, type PoolOptions } from './pool/PoolExecutor';
import type { WorkerEvents, WorkerHandle } from './pool/WorkerHandle';

/**
 * Options of {@link ThreadPoolExecutor}.
 *
 * @example
 * ```ts
 * const pool = new ThreadPoolExecutor({ maxWorkers: 4, resourceLimits: { maxOldGenerationSizeMb: 256 } });
 * ```
 */
export interface ThreadPoolExecutorOptions extends PoolOptions {
  /** Heap and stack limits of each worker thread; a worker that exceeds them dies (see `onWorkerExit`). @default Node's */
  resourceLimits?: ResourceLimits;
}

/**
 * Runs tasks on a pool of `node:worker_threads` workers: CPU-bound JavaScript in parallel with the main thread, with
 * Python's `ThreadPoolExecutor` API (`submit`, `map`, `shutdown`, `await using`).
 *
 * A task is an inline function (sent as source once per worker, so it must be self-contained: pass values as
 * arguments, `require()` or `await import()` inside it) or a `moduleTask()`. Arguments and results are copied with
 * the structured clone algorithm; `submitWith({ transfer })` moves ArrayBuffers and MessagePorts instead. Workers
 * start lazily, idle workers do not keep the program alive, and a worker that dies while it holds tasks breaks the
 * pool with {@link BrokenThreadPool} (or, with `onWorkerExit: 'respawn'`, fails only its tasks with
 * {@link ThreadWorkerExitError}).
 *
 * @example
 * ```ts
 * await using pool = new ThreadPoolExecutor({ maxWorkers: 2 });
 * const cubes = await pool.submit((n: number) => n ** 3, 5); // 125
 * for await (const h of pool.map((s: string) => require('node:crypto').createHash('sha1').update(s).digest('hex'), ['a', 'b'])) {
 *   console.log(h);
 * }
 * ```
 * @throws RangeError/TypeError for bad options (messages name the option and the value received).
 */
export class ThreadPoolExecutor extends PoolExecutor {
  private readonly resourceLimits: ResourceLimits | undefined;

  /** @default maxWorkers `os.availableParallelism()` */
  constructor(options?: ThreadPoolExecutorOptions) {
    super(options, 'ThreadPoolExecutor');
    const { resourceLimits } = checkOptions<ThreadPoolExecutorOptions>('ThreadPoolExecutor options', options);
    if (resourceLimits !== undefined && (resourceLimits === null || typeof resourceLimits !== 'object')) {
      throw new TypeError(`resourceLimits must be an object; received ${describe(resourceLimits)}`);
    }
    this.resourceLimits = resourceLimits;
  }

  protected readonly faults: PoolFaults = { noun: 'thread', Broken: BrokenThreadPool, ExitError: ThreadWorkerExitError };

  protected startWorker(name: string, events: WorkerEvents): WorkerHandle {
    const worker = new Worker(runtimePath(), { name, resourceLimits: this.resourceLimits });
    worker.on('message', events.message);
    worker.on('error', events.error);
    worker.on('exit', (code) => events.exit(code, null));
    return {
      id: worker.threadId,
      send: (message, transfer) => worker.postMessage(message, transfer),
      ref: () => worker.ref(),
      unref: () => worker.unref(),
      kill: () => void worker.terminate(),
      stop: () => void worker.terminate(),
    };
  }
}
