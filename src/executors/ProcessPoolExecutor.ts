import { fork, type ChildProcess, type ForkOptions } from 'node:child_process';
import { types } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import { MessagePort } from 'node:worker_threads';
import { BrokenProcessPool } from '../errors/BrokenProcessPool';
import { ProcessWorkerExitError } from '../errors/ProcessWorkerExitError';
import { checkOptions, describe, keysOf } from '../internal/validate';
import { BULK_READY, type BulkReadyMessage, type FromWorker, type ToWorker } from '../worker/protocol';
import { runtimePath } from '../worker/runtimePath';
import { BulkFile } from './pool/BulkFile';
import { BULK_FROM, sendWithBulk } from './pool/sendWithBulk';
import { checkAttached, copyArguments } from './pool/captureArguments';
import { ByteSlab } from './pool/ByteSlab';
import { SpareBuffers } from './pool/SpareBuffers';
import type { CloneOptions } from './pool/CopyRules';
import { PoolExecutor, type CopyRules, type PoolFaults, type PoolOptions } from './pool/PoolExecutor';
import type { WorkerEvents, WorkerHandle } from './pool/WorkerHandle';
import { withoutInspectorFlags } from './withoutInspectorFlags';
import { Refusal } from './pool/Refusal';

const ONLY_THREADS = 'which only worker threads can receive (use a ThreadPoolExecutor with the port in the transfer list)';

/**
 * child_process's advanced serialization (v8's serializer): a view travels with its own bytes only, and a Buffer stays
 * a Buffer. Nothing can be moved to another process: a transfer list's buffers are copied and then detached, so code
 * behaves as on a thread pool. Every copy is read again when its task is sent (by the serializer, or by the write
 * into the child's bulk file), never moved, so a copy taken at submit, up to a few MiB, goes into a lent buffer, reused
 * once its task is answered (warm memory: fresh memory costs a page fault per 4 KiB); small ones share plain slabs, whose part a message uses travels
 * in it as one buffer, also reused once their tasks are answered. Large ones (from `BULK_FROM`) are described beside
 * the message too, each its own slab, so that their bytes can cross through the child's bulk file (see
 * {@link BulkFile}) instead of the channel. A MessagePort cannot reach a child (the serializer would send `{}`
 * without a word), nor can shared memory.
 */
const processCopyRules: CopyRules = {
  destination: 'a child process',
  exact: (value) => deserialize(serialize(value)),
  views: 'own',
  sharesMemory: false,
  pooledBelow: 16 * 1024,
  slab: new ByteSlab(false),
  moves: false,
  lendBelow: 4 * 1024 * 1024,
  bulkFrom: BULK_FROM,
  spares: new SpareBuffers(16 * 1024 * 1024),
  refuse(value) {
    if (value instanceof MessagePort) return `a MessagePort, ${ONLY_THREADS}`;
    if (types.isSharedArrayBuffer(value)) {
      return 'a SharedArrayBuffer, which only worker threads can share (a child process has memory of its own)';
    }
    return undefined;
  },
  transfer(args, transfer) {
    for (const item of transfer) {
      if (types.isArrayBuffer(item)) continue;
      const what = item instanceof MessagePort ? `a MessagePort, ${ONLY_THREADS}` : 'an object that only worker threads can receive';
      throw new Refusal(`the transfer list holds ${what}`, item);
    }
    checkAttached(transfer);
    const copy = copyArguments(args, processCopyRules);
    // Detached now, as postMessage would detach them (a list naming one buffer twice throws here, as it would there).
    structuredClone(transfer, { transfer } as CloneOptions);
    return copy;
  },
};

/**
 * Options of {@link ProcessPoolExecutor}.
 *
 * @example
 * ```ts
 * const pool = new ProcessPoolExecutor({ maxWorkers: 2, execArgv: ['--max-old-space-size=256'], maxTasksPerChild: 100 });
 * ```
 */
export interface ProcessPoolExecutorOptions extends PoolOptions {
  /**
   * Node options of each child process, e.g. `['--max-old-space-size=256']`, used as given. @default `process.execArgv`
   * without its inspector flags (`--inspect`, `--inspect-brk`, `--inspect-wait`, `--inspect-port`, `--debug-port`):
   * a child would try to open the parent's debugger port, or wait for a debugger. To debug the children, pass
   * `execArgv` with an `--inspect=127.0.0.1:0` of their own (port 0: each child picks a free port).
   */
  execArgv?: readonly string[];
  /** Environment of each child process. @default `process.env` */
  env?: NodeJS.ProcessEnv;
}

const PROCESS_OPTION_KEYS = keysOf<Omit<ProcessPoolExecutorOptions, keyof PoolOptions>>({ execArgv: true, env: true });

/**
 * Runs tasks in a pool of child processes (`child_process.fork` with `serialization: 'advanced'`, so Map, Set, Date,
 * BigInt, typed arrays and Errors round-trip), with Python's `ProcessPoolExecutor` API. Each task runs in its own
 * process's memory: a crash, a leak or `process.exit()` cannot harm the parent.
 *
 * Tasks are inline functions or `moduleTask()`s, as for {@link ThreadPoolExecutor}, and their arguments are taken when
 * they are submitted, as there: a task sees them as they were then. Buffers in a `submitWith({ transfer })` list are
 * copied and detached when `submitWith` returns, so code behaves alike on both pools. A child that dies, busy or idle,
 * breaks the pool with {@link BrokenProcessPool}, as Python's seed shows ("A process in the process pool was
 * terminated abruptly while the future was running or pending."), or with `onWorkerExit: 'respawn'` fails only its
 * tasks with {@link ProcessWorkerExitError}. Children exit when their parent dies (they watch the IPC channel).
 *
 * Where `/dev/shm` exists and the runtime passes a child an extra `stdio` entry (Node does), the bytes of large buffer
 * arguments (64 KiB and more) cross through a shared-memory file per child rather than through the IPC channel: one
 * write and one read instead of the serializer's copies. The file is unlinked as soon as it is opened, so nothing is
 * left behind however either side ends; elsewhere (Bun, Deno, no `/dev/shm`) every byte travels in the messages.
 * Tasks see the same arguments either way.
 *
 * @example
 * ```ts
 * await using pool = new ProcessPoolExecutor({ maxWorkers: 2, maxTasksPerChild: 100 });
 * const primes = await pool.submit((n: number) => { let c = 0; for (let i = 2; i < n; i++) c++; return c; }, 1e6);
 * ```
 * @throws RangeError/TypeError for bad options (messages name the option and the value received).
 */
export class ProcessPoolExecutor extends PoolExecutor {
  private readonly execArgv: string[];
  private readonly env: NodeJS.ProcessEnv | undefined;

  /** @default maxWorkers `os.availableParallelism()` */
  constructor(options?: ProcessPoolExecutorOptions) {
    super(options, 'ProcessPoolExecutor', PROCESS_OPTION_KEYS);
    const { execArgv, env } = checkOptions<ProcessPoolExecutorOptions>('ProcessPoolExecutor', options);
    if (execArgv !== undefined && (!Array.isArray(execArgv) || execArgv.some((arg) => typeof arg !== 'string'))) {
      throw new TypeError(`execArgv must be an array of strings; received ${describe(execArgv)}`);
    }
    if (env !== undefined && (env === null || typeof env !== 'object')) {
      throw new TypeError(`env must be an object; received ${describe(env)}`);
    }
    this.execArgv = execArgv === undefined ? withoutInspectorFlags(process.execArgv) : [...execArgv];
    this.env = env;
  }

  /** Forks one child (see {@link forkWorker}). */
  private fork(name: string, file: BulkFile | undefined): ChildProcess {
    return forkWorker(name, file, { serialization: 'advanced', execArgv: this.execArgv, env: this.env });
  }

  protected readonly faults: PoolFaults = { noun: 'process', Broken: BrokenProcessPool, ExitError: ProcessWorkerExitError };
  protected readonly copyRules: CopyRules = processCopyRules;

  protected startWorker(name: string, events: WorkerEvents): WorkerHandle {
    const file = BulkFile.open();
    const child = this.fork(name, file);
    // Large buffers go through the file once the child says it reads it (its first message, if it does).
    let bulk: BulkFile | undefined = undefined;
    child.on('message', (message: FromWorker | BulkReadyMessage) => {
      if (message[0] === BULK_READY) bulk = file;
      else events.message(message);
    });
    // Send failures (EPIPE, a closed channel) arrive here; the exit that follows is what the pool acts on.
    child.on('error', events.error);
    child.on('exit', (code, signal) => {
      closeChannel(child);
      file?.close();
      events.exit(code, signal);
    });
    const kill = () => void child.kill('SIGKILL');
    const send = (message: ToWorker) => void child.send(message);
    return {
      id: child.pid ?? -1,
      send: (message) => {
        // A closed channel is a death, not a clone failure: drop the message and make sure the exit comes; the exit
        // fails the tasks the child holds with the pool's death error.
        if (!child.connected) return kill();
        if (bulk === undefined) child.send(message);
        else sendWithBulk(bulk, message, send);
      },
      answered: (count) => bulk?.answered(count),
      ref: () => {
        child.ref();
        refChannel(child, true);
      },
      unref: () => {
        child.unref();
        refChannel(child, false);
      },
      kill,
      stop: () => (child.connected ? child.disconnect() : kill()),
    };
  }
}

/**
 * Forks a child running the worker runtime, passing it `file` (see {@link BulkFile}) as its `stdio` entry after the
 * IPC channel, with the file's identity for the child to check. A runtime that refuses such an entry gets a child
 * without it (and `file` is closed): its tasks' bytes all travel in their messages.
 */
function forkWorker(name: string, file: BulkFile | undefined, options: ForkOptions): ChildProcess {
  if (file !== undefined) {
    try {
      return fork(runtimePath(), [name, file.identity], { ...options, stdio: ['inherit', 'inherit', 'inherit', 'ipc', file.fd] });
    } catch {
      file.close();
    }
  }
  return fork(runtimePath(), [name], options);
}

/**
 * Refs or unrefs a child's IPC channel, which keeps the program alive apart from the child itself on Node. Bun's
 * channel has no `ref`/`unref` (its `child.ref()`/`unref()` cover the channel too), so they are called only where
 * they exist.
 */
function refChannel(child: ChildProcess, on: boolean): void {
  const channel = child.channel as { ref?: () => void; unref?: () => void } | null | undefined;
  const method = on ? channel?.ref : channel?.unref;
  if (typeof method === 'function') method.call(channel);
}

/**
 * Lets go of a dead child's IPC channel. Node closes it by itself; Deno keeps a channel open (and the program alive)
 * when a message was written to it while the child was dying, so it is disconnected and unreferenced here.
 */
function closeChannel(child: ChildProcess): void {
  try {
    if (child.connected) child.disconnect();
  } catch {
    // Already closing: nothing to let go of.
  }
  refChannel(child, false);
}
