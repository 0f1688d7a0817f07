import { Worker, type ResourceLimits, type TransferListItem } from 'node:worker_threads';
import { BrokenThreadPool } from '../errors/BrokenThreadPool';
import { ThreadWorkerExitError } from '../errors/ThreadWorkerExitError';
import { runtimeName } from '../internal/runtimeName';
import { checkOptions, describe, keysOf } from '../internal/validate';
import { runtimePath } from '../worker/runtimePath';
import { checkAttached } from './pool/captureArguments';
import { ByteSlab } from './pool/ByteSlab';
import { SpareBuffers } from './pool/SpareBuffers';
import type { CloneOptions } from './pool/CopyRules';
import { PoolExecutor, type CopyRules, type PoolFaults, type PoolOptions } from './pool/PoolExecutor';
import type { WorkerEvents, WorkerHandle } from './pool/WorkerHandle';

/** Buffers smaller than this are copied into a shared slab; larger ones get an ArrayBuffer each. */
const POOLED_BELOW_BYTES = 16 * 1024;
/**
 * Copies smaller than this (and not pooled) are made in lent buffers that postMessage copies again, given back once
 * the task is answered; larger ones are moved to the worker. A fresh buffer of a MiB is fresh memory the main thread
 * faults in page by page, which costs more than a second copy into memory already in use (1 MB copied per task, 4 in
 * flight, 16 runs each: median 30.8 ms per 100 tasks moved, 23.0 lent, raw postMessage 20.0); at 16 MiB neither
 * way was ahead within the noise, so those stay moved.
 */
const LEND_BELOW_BYTES = 2 * 1024 * 1024;

/**
 * postMessage's structured clone: a view travels with its whole ArrayBuffer, and SharedArrayBuffers are shared. The
 * buffers the pool copied at submit are its own, so it moves them (small ones go into shared slabs, which the worker
 * copies them out of; mid-sized ones into lent buffers that postMessage copies). A transfer list's items leave the
 * caller's hands at submit: they are detached then, as postMessage would detach them.
 */
const threadCopyRules: CopyRules = {
  destination: 'the worker',
  exact: (value) => structuredClone(value),
  views: 'whole',
  sharesMemory: true,
  pooledBelow: POOLED_BELOW_BYTES,
  slab: new ByteSlab(true),
  moves: true,
  lendBelow: LEND_BELOW_BYTES,
  spares: new SpareBuffers(),
  refuse: () => undefined,
  transfer(args, transfer) {
    // One clone of both: the arguments' references to the moved items become references to their new handles.
    checkAttached(transfer);
    const list = transfer as TransferListItem[];
    const moved = structuredClone({ args, list }, { transfer: list } as CloneOptions);
    return { args: moved.args, moves: moved.list, pooled: undefined, lent: undefined };
  },
};

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

const THREAD_OPTION_KEYS = keysOf<Omit<ThreadPoolExecutorOptions, keyof PoolOptions>>({ resourceLimits: true });

/**
 * Runs tasks on a pool of `node:worker_threads` workers: CPU-bound JavaScript in parallel with the main thread, with
 * Python's `ThreadPoolExecutor` API (`submit`, `map`, `shutdown`, `await using`).
 *
 * A task is an inline function (sent as source once per worker, so it must be self-contained: pass values as
 * arguments, `require()` or `await import()` inside it) or a `moduleTask()`. Arguments and results are copied with
 * the structured clone algorithm, and taken when the task is submitted: a task sees its arguments as they were then,
 * whatever the caller does to them afterwards. `submitWith({ transfer })` moves ArrayBuffers and MessagePorts
 * instead (they are detached when `submitWith` returns). Workers start lazily, idle workers do not keep the program
 * alive, and a worker that dies, busy or idle, breaks the pool with {@link BrokenThreadPool} (or, with
 * `onWorkerExit: 'respawn'`, fails only its tasks with {@link ThreadWorkerExitError}, and an idle one's death is
 * reported as a process warning).
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
    super(options, 'ThreadPoolExecutor', THREAD_OPTION_KEYS);
    const { resourceLimits } = checkOptions<ThreadPoolExecutorOptions>('ThreadPoolExecutor', options);
    if (resourceLimits !== undefined && (resourceLimits === null || typeof resourceLimits !== 'object')) {
      throw new TypeError(`resourceLimits must be an object; received ${describe(resourceLimits)}`);
    }
    this.resourceLimits = resourceLimits;
    if (resourceLimits !== undefined) warnLimitsIgnored();
  }

  protected readonly faults: PoolFaults = { noun: 'thread', Broken: BrokenThreadPool, ExitError: ThreadWorkerExitError };
  protected readonly copyRules: CopyRules = threadCopyRules;

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

let limitsWarned = false;

/**
 * Bun and Deno accept `resourceLimits` on a worker thread but do not enforce them: a task that allocates without end
 * is not stopped. Said once per program, as a warning, so that code written for Node still runs.
 */
function warnLimitsIgnored(): void {
  const runtime = runtimeName();
  if (runtime === 'node' || limitsWarned) return;
  limitsWarned = true;
  const name = runtime === 'bun' ? 'Bun' : 'Deno';
  process.emitWarning(`ThreadPoolExecutor: ${name} does not enforce resourceLimits on worker threads; a task that allocates without end is not stopped`, {
    code: 'RXFUTURES_RESOURCE_LIMITS_IGNORED',
  });
}
