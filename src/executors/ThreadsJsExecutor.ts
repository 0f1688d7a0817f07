import { availableParallelism } from 'node:os';
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrokenThreadPool } from '../errors/BrokenThreadPool';
import { WaitingQueue } from '../internal/WaitingQueue';
import { checkOptions, describe, keysOf } from '../internal/validate';
import { isModuleTask, type AnyFunction, type ModuleTask } from '../tasks/moduleTask';
import type { Future } from '../Future';
import { runCalls } from '../tasks/runCalls';
import type { Task } from '../tasks/Task';
import { Executor, type ExecutorOptions } from './Executor';
import type { StreamChannel } from '../streaming/StreamChannel';
import { priorityOf, type WorkItem } from './WorkItem';

/**
 * Options of {@link ThreadsJsExecutor}.
 *
 * @example
 * ```ts
 * const executor = new ThreadsJsExecutor({ workerModule: new URL('./workers/hash.js', import.meta.url), maxWorkers: 2 });
 * ```
 */
export interface ThreadsJsExecutorOptions extends Omit<ExecutorOptions, 'initializer' | 'initArgs'> {
  /** The threads.js worker module (one that calls `expose(...)`): an absolute path or a `file:` URL. */
  workerModule: string | URL;
}

/** The part of the `threads` package this adapter uses. */
interface ThreadsModule {
  spawn(worker: unknown): Promise<Record<string, AnyFunction> & AnyFunction>;
  Thread: { terminate(thread: unknown): Promise<void> };
  Worker: new (path: string, options: { _baseURL: string }) => { unref(): void; ref(): void };
}

/**
 * One threads.js worker: its name (`<namePrefix>_<n>`, as the pools name theirs: a task's trace span carries it), its
 * spawned proxy, and whether a task runs on it.
 */
interface Slot {
  readonly name: string;
  readonly proxy: Promise<Record<string, AnyFunction> & AnyFunction>;
  readonly worker: { unref(): void; ref(): void };
  item: WorkItem | undefined;
}

const SCHEME = 'threadsjs:';
const THREADS_JS_OPTION_KEYS = keysOf<Omit<ThreadsJsExecutorOptions, keyof ExecutorOptions>>({ workerModule: true });

/**
 * Runs the functions of a threads.js worker module (one that calls `expose()`) behind the Executor API, so users of
 * threads.js keep their workers and gain Futures, `map`, `shutdown` and the operators. Each of up to `maxWorkers`
 * threads.js workers runs one task at a time.
 *
 * Tasks name an exposed function: `executor.task<typeof add>('add')`, or `executor.task()` for a module that
 * exposes a single function. Inline functions cannot run here (use {@link ThreadPoolExecutor} for those). Aborting a
 * running task terminates its worker; a fresh one replaces it. A worker that fails to start breaks the executor.
 *
 * @example
 * ```ts
 * // worker.mjs: import { expose } from 'threads/worker'; expose({ add: (a, b) => a + b });
 * // main.mts (an ES module, for the top-level await):
 * await using executor = new ThreadsJsExecutor({ workerModule: new URL('./worker.mjs', import.meta.url), maxWorkers: 2 });
 * const sum = await executor.submit(executor.task<(a: number, b: number) => number>('add'), 1, 2); // 3
 * ```
 * @throws TypeError if `workerModule` is not an absolute path or `file:` URL, or the `threads` package is missing.
 */
export class ThreadsJsExecutor extends Executor {
  private readonly file: string;
  private readonly threads: ThreadsModule;
  private readonly queue = new WaitingQueue<WorkItem>(priorityOf);
  private readonly idle: Slot[] = [];
  private readonly slots = new Set<Slot>();
  /** Workers spawned so far: the number in the next one's name. */
  private spawned = 0;

  /** @default maxWorkers `os.availableParallelism()` */
  constructor(options: ThreadsJsExecutorOptions) {
    const opts = checkOptions<ThreadsJsExecutorOptions & ExecutorOptions>('ThreadsJsExecutor', options);
    if (opts.initializer !== undefined) {
      throw new TypeError('ThreadsJsExecutor has no initializer: a threads.js worker module initializes itself when loaded');
    }
    super(options, 'ThreadsJsExecutor', availableParallelism(), THREADS_JS_OPTION_KEYS);
    const module = opts.workerModule;
    if (module instanceof URL || (typeof module === 'string' && module.startsWith('file:'))) {
      this.file = fileURLToPath(module);
    } else if (typeof module === 'string' && isAbsolute(module)) {
      this.file = module;
    } else {
      throw new TypeError(`workerModule must be an absolute path or a file: URL; received ${describe(module)}`);
    }
    try {
      this.threads = require('threads') as ThreadsModule;
    } catch (error) {
      throw new TypeError('ThreadsJsExecutor needs the threads package: npm install threads', { cause: error });
    }
  }

  /**
   * A task that calls the exposed function `name` (omit it for a module that exposes one function).
   *
   * @example
   * ```ts
   * const hash = executor.task<(text: string) => string>('hash');
   * ```
   */
  task<F extends AnyFunction>(name = 'default'): ModuleTask<F> {
    return Object.freeze({ kind: 'module' as const, url: `${SCHEME}${this.file}`, exportName: name });
  }

  /**
   * Runs a stream task: the exposed function returns a threads.js Observable, whose values go to `channel` as they
   * arrive. threads.js cannot pause a worker, so the worker is not held back by the subscriber (each value is
   * delivered as it comes); unsubscribing unsubscribes from the worker's Observable, then terminates the worker.
   */
  protected override submitStream(fn: Task<unknown[], unknown>, args: unknown[], channel: StreamChannel<unknown>): Future<unknown> {
    return this.submitStreamItem(fn, args, channel);
  }

  protected enqueue(item: WorkItem): void {
    this.queue.push(item);
    this.pump();
  }

  protected takePending(): WorkItem[] {
    return this.queue.drain();
  }

  /** @internal */
  protected override loadCounts(): Record<string, number> {
    return { queued: this.queue.length, ...super.loadCounts() };
  }

  protected *runningItems(): Iterable<WorkItem> {
    for (const slot of this.slots) if (slot.item !== undefined) yield slot.item;
  }

  protected abortRunning(item: WorkItem): void {
    for (const slot of this.slots) {
      if (slot.item !== item) continue;
      // threads.js cannot signal a running call: the worker goes, a fresh one replaces it.
      this.discard(slot);
      this.pump();
      return;
    }
  }

  protected hasWork(): boolean {
    if (this.queue.length > 0) return true;
    for (const slot of this.slots) if (slot.item !== undefined) return true;
    return false;
  }

  /** Terminates every threads.js worker; resolves once all are gone. */
  protected override async releaseResources(): Promise<void> {
    const slots = [...this.slots];
    this.slots.clear();
    this.idle.length = 0;
    await Promise.all(slots.map((slot) => slot.proxy.then((proxy) => this.threads.Thread.terminate(proxy)).catch(() => undefined)));
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.isBroken) {
      const slot = this.idle.pop() ?? (this.slots.size < this.maxWorkers ? this.spawn() : undefined);
      if (slot === undefined) return;
      const item = this.queue.shift()!;
      if (!this.startItem(item, slot.name)) {
        this.idle.push(slot);
        continue;
      }
      slot.item = item;
      slot.worker.ref();
      void this.run(slot, item);
    }
    this.checkIdle();
  }

  private spawn(): Slot {
    // threads.js resolves a worker path against the file that calls `new Worker` (this one), even an absolute path.
    const worker = new this.threads.Worker(relative(__dirname, this.file), { _baseURL: __dirname });
    const proxy = this.threads.spawn(worker);
    const slot: Slot = { name: `${this.namePrefix}_${this.spawned++}`, proxy, worker, item: undefined };
    proxy.catch((error: unknown) => {
      this.slots.delete(slot);
      const broken = new BrokenThreadPool('A threads.js worker failed to start, the executor is not usable anymore', {
        cause: error,
      });
      this.breakExecutor(broken);
      if (slot.item !== undefined) this.finishItem(slot.item, true, this.brokenError());
      this.checkIdle();
    });
    this.slots.add(slot);
    return slot;
  }

  private async run(slot: Slot, item: WorkItem): Promise<void> {
    let failed = false;
    let value: unknown;
    try {
      const proxy = await slot.proxy;
      value = await this.call(proxy, item);
    } catch (error) {
      failed = true;
      value = error;
    }
    if (slot.item !== item) return; // aborted: the slot was discarded
    slot.item = undefined;
    this.finishItem(item, failed, value);
    slot.worker.unref();
    this.idle.push(slot);
    this.pump();
  }

  private async call(proxy: Record<string, AnyFunction> & AnyFunction, item: WorkItem): Promise<unknown> {
    const task = item.fn as unknown;
    if (!isModuleTask(task) || !task.url.startsWith(SCHEME)) {
      throw new TypeError('a ThreadsJsExecutor runs only tasks made by its task() method');
    }
    const fn = task.exportName === 'default' ? proxy : proxy[task.exportName];
    if (typeof fn !== 'function') throw new TypeError(`the threads.js worker exposes no function '${task.exportName}'`);
    if (item.stream !== undefined) return pipeCall(fn(...item.args), item.stream);
    return runCalls(fn, item.chunk, item.args);
  }

  private discard(slot: Slot): void {
    this.slots.delete(slot);
    slot.item = undefined;
    void slot.proxy.then((proxy) => this.threads.Thread.terminate(proxy)).catch(() => undefined);
  }
}

/** A threads.js call's result: a promise that is also an Observable of the values the worker emits. */
interface ObservableCall {
  subscribe(observer: { next(value: unknown): void; error(error: unknown): void; complete(): void }): { unsubscribe(): void };
}

/** Writes the values of a threads.js call to `sink`; resolves when the worker's Observable completes. */
function pipeCall(call: unknown, sink: StreamChannel<unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    const subscription = (call as ObservableCall).subscribe({
      next: (value) => sink.write(value),
      error: reject,
      complete: () => resolve(),
    });
    sink.onClose(() => subscription.unsubscribe());
  });
}
