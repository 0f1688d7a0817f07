import { Observable } from 'rxjs';
import '../internal/disposeSymbols';
import { Future, type TaskAborter } from '../Future';
import type { IterableObservable } from '../IterableObservable';
import { BrokenExecutor } from '../errors/BrokenExecutor';
import { CancelledError } from '../errors/CancelledError';
import { ExecutorShutdownError } from '../errors/ExecutorShutdownError';
import { TimeoutError } from '../errors/TimeoutError';
import { MapRun } from './MapRun';
import { watchAbort } from '../internal/watchAbort';
import { traceTask } from '../internal/taskTracing';
import { inspectAs, inspectCustom, type InspectFunction, type InspectOptionsLike } from '../internal/inspectAs';
import { checkOptions, checkTimeout, keysOf } from '../internal/validate';
import type { Task } from '../tasks/Task';
import { ARGUMENT_LISTS, ONE_CALL, type ChunkShape } from '../tasks/callShapes';
import { WorkItem } from './WorkItem';
import {
  checkStreamOptions,
  readExecutorOptions,
  type ExecutorOptions,
  type MapOptions,
  type ShutdownOptions,
  type StreamOptions,
  type SubmitOptions,
} from './ExecutorOptions';
import { checkSubmitOptions, checkTask, readMapArguments } from './taskArguments';
import type { StreamChannel } from '../streaming/StreamChannel';
import { pumpStream } from '../streaming/pumpStream';
import { streamObservable } from '../streaming/streamObservable';
import type { StreamTask } from '../tasks/StreamTask';
import { RetryRun, type RetryHost } from './RetryRun';
import { retryPolicy } from './retryPolicy';

export type { Backoff, ExecutorOptions, MapOptions, ShutdownOptions, StreamOptions, SubmitOptions } from './ExecutorOptions';

/**
 * The iterables `map` zips, one per argument of the task: for a task `(a: number, b: string) => ...` they are
 * `[Iterable<number>, Iterable<string>]`.
 *
 * @example
 * ```ts
 * const inputs: MapIterables<[number, string]> = [[1, 2], ['a', 'b']];
 * executor.map((n: number, s: string) => s.repeat(n), ...inputs);
 * ```
 */
export type MapIterables<A extends unknown[]> = { [K in keyof A]: Iterable<A[K]> };

const executorNumbers = new Map<string, number>();
const SHUTDOWN_KEYS = keysOf<ShutdownOptions>({ wait: true, cancelFutures: true, timeout: true });

/**
 * The base of every executor: `submit`, `map`, `defer`, `stream`, `shutdown` and `await using`, with Python's semantics.
 *
 * Subclasses supply the transport (where a task runs) through five hooks: `enqueue`, `takePending`,
 * `runningItems`, `abortRunning` and `hasWork`, and may override `releaseResources` to free threads, processes or
 * connections at the end of a shutdown. Subclasses call `startItem` when a task starts and `finishItem` when it ends,
 * `checkIdle` when their last work may have ended, and `breakExecutor` when the executor can no longer run work.
 * `rxfutures/executor` exports what a subclass needs, with a guide.
 *
 * @example
 * ```ts
 * await using executor = new AsyncExecutor({ maxWorkers: 4 });
 * const future = executor.submit(async (url: string) => (await fetch(url)).status, 'http://localhost:8080/');
 * for await (const square of executor.map((n: number) => n * n, [1, 2, 3])) console.log(square);
 * ```
 */
export abstract class Executor {
  /** How many tasks may run at once. */
  readonly maxWorkers: number;
  /** The prefix of this executor's worker names. */
  protected readonly namePrefix: string;
  /** The `initializer` option: run once per worker before its first task. */
  protected readonly initializer: Task<unknown[], unknown> | undefined;
  /** The `initArgs` option: the initializer's arguments. */
  protected readonly initArgs: readonly unknown[];
  private _shutdown = false;
  private _broken: BrokenExecutor | undefined = undefined;
  private _closed: Promise<void> | undefined = undefined;
  /** Set while a shutdown waits for the work to end: completes it (see {@link Executor.checkIdle}). */
  private _whenIdle: (() => void) | undefined = undefined;
  private _deadline: NodeJS.Timeout | undefined = undefined;
  /** Tasks submitted with `retries` and not settled yet: work a shutdown waits for, even between attempts. */
  private readonly _retrying = new Set<RetryRun>();
  /** `false` once a shutdown cancelled the pending work: a failed attempt is then not run again. */
  private _mayRetry = true;
  /** What a running task's future calls to abort it (see `Future._abort`): one per executor, not one per task. */
  private readonly aborter: TaskAborter = { abortTask: (reason, item) => this.abortItem(item as WorkItem, reason) };

  /**
   * Validates the options every executor shares; subclasses call it first and then check their own options.
   *
   * @param options - the user's options, validated here.
   * @param kind - the class name used in default worker names, e.g. `'ThreadPoolExecutor'`.
   * @param defaultMaxWorkers - used when `maxWorkers` is not given.
   * @param optionKeys - the names of the options the subclass takes beyond {@link ExecutorOptions}; when given, any
   * other key in `options` throws a TypeError naming the nearest valid option (plain JavaScript has no type checker
   * to catch `maxWokers: 4`). Omit it to accept any key.
   */
  protected constructor(
    options: ExecutorOptions | undefined,
    kind: string,
    defaultMaxWorkers: number,
    optionKeys?: readonly string[],
  ) {
    const opts = readExecutorOptions(kind, options, defaultMaxWorkers, optionKeys);
    this.maxWorkers = opts.maxWorkers;
    const number = executorNumbers.get(kind) ?? 0;
    executorNumbers.set(kind, number + 1);
    this.namePrefix = opts.threadNamePrefix || `${kind}-${number}`;
    this.initializer = opts.initializer;
    this.initArgs = opts.initArgs;
  }

  /**
   * Schedules `fn(...args)` and returns its {@link Future}. The future's type is inferred from `fn`.
   *
   * @example
   * ```ts
   * const future = executor.submit((a: number, b: number) => a ** b, 2, 10);
   * console.log(await future); // 1024
   * ```
   * @throws {@link ExecutorShutdownError} after `shutdown()`; the executor's {@link BrokenExecutor} subclass if it is broken.
   */
  submit<A extends unknown[], R>(fn: Task<A, R>, ...args: A): Future<Awaited<R>> {
    return this.submitWith(undefined, fn, ...args);
  }

  /**
   * `submit` with per-task options: an `AbortSignal`, a `timeout` counted from the moment the task starts, and a
   * `transfer` list for worker threads. Aborting a queued task removes it; aborting a running task fails its future
   * with the signal's reason (a {@link TimeoutError} for the timeout) and stops the task as far as the executor can.
   *
   * @example
   * ```ts
   * const future = executor.submitWith({ timeout: 1000, signal: controller.signal }, crunch, data);
   * ```
   * @throws as {@link Executor.submit}; TypeError/RangeError for bad options.
   */
  submitWith<A extends unknown[], R>(options: SubmitOptions | undefined, fn: Task<A, R>, ...args: A): Future<Awaited<R>> {
    checkTask(fn);
    const opts = options === undefined ? undefined : checkSubmitOptions(options);
    this.checkOpen();
    this.noteTask(fn as Task<never[], unknown>);
    const future = new Future<Awaited<R>>();
    if (opts?.retries !== undefined && !this.retriesNatively(opts)) {
      this.retried(future as Future<unknown>, fn as Task<unknown[], unknown>, args, opts, ONE_CALL);
      return future;
    }
    const item = new WorkItem(future as Future<unknown>, fn as Task<unknown[], unknown>, args, opts, ONE_CALL);
    this.accept(item);
    return future;
  }

  /**
   * Runs `fn` over the zipped iterables (shortest wins), as Python's `Executor.map`, and yields results in input order
   * as an Observable that is also an async iterable. Tasks are submitted at once, or with `buffersize` at most that
   * many ahead of the consumer (so an endless iterable works). `timeout` counts from this call; a timeout or the first
   * task error is raised at its position and the tasks not yet started are cancelled. The results can be read once.
   *
   * @example
   * ```ts
   * for await (const square of executor.map((x: number) => x * x, [1, 2, 3], { timeout: 5000 })) {
   *   console.log(square); // 1, 4, 9
   * }
   * executor.map((a: number, b: number) => a + b, [1, 2], [10, 20]).subscribe(console.log); // 11, 22
   * ```
   * @throws {@link ExecutorShutdownError} after `shutdown()`; TypeError/RangeError for bad iterables or options.
   */
  map<A extends unknown[], R>(fn: Task<A, R>, ...iterables: MapIterables<A>): IterableObservable<Awaited<R>>;
  map<A extends unknown[], R>(
    fn: Task<A, R>,
    ...iterablesAndOptions: [...MapIterables<A>, MapOptions]
  ): IterableObservable<Awaited<R>>;
  map(fn: Task<unknown[], unknown>, ...rest: unknown[]): IterableObservable<unknown> {
    checkTask(fn);
    const { iterables, timeout, chunksize, buffersize, task } = readMapArguments(rest);
    this.checkOpen();
    this.noteTask(fn as Task<never[], unknown>);
    // A retried chunk is sent again: each attempt takes its arguments from a snapshot made at the pull.
    const takeAhead = task?.retries === undefined;
    // Each call's argument list is the one MapRun made for it: handed to its work item as it is, not spread into
    // submit() and gathered again (two arrays less per item; the task was checked and noted above). Only where
    // submit and submitWith are this class's own: one that overrides or wraps them sees every task of a map too.
    const direct = task !== undefined || (this.submit === Executor.prototype.submit && this.submitWith === Executor.prototype.submitWith);
    const run = new MapRun(
      direct ? (args) => this.submitChunk(fn, args, task, ONE_CALL) : (args) => this.submit(fn, ...args),
      (calls, shape) => this.submitChunk(fn, calls, task, shape, takeAhead),
      iterables,
      {
        timeout,
        chunksize,
        buffersize,
        take: takeAhead ? (value, list) => this.takeArgument(value, list) : (value, list) => this.snapshotArgument(value, list),
      },
    );
    return run.results;
  }

  /**
   * A cold Observable of `fn(...args)`: each subscription submits the task, and unsubscribing before it is done
   * cancels it (if queued) or aborts it (if running). Ideal with `switchMap` to stop stale work.
   *
   * @example
   * ```ts
   * queries$.pipe(switchMap((q) => executor.defer(search, q))).subscribe(showResults);
   * ```
   */
  defer<A extends unknown[], R>(fn: Task<A, R>, ...args: A): Observable<Awaited<R>> {
    this.noteTask(fn as Task<never[], unknown>);
    return new Observable<Awaited<R>>((subscriber) => {
      const controller = new AbortController();
      const future = this.submitWith({ signal: controller.signal }, fn, ...args);
      const subscription = future.subscribe(subscriber);
      return () => {
        subscription.unsubscribe();
        if (!future.done() && !future.cancel()) controller.abort(new CancelledError('unsubscribed from defer()'));
      };
    });
  }

  /**
   * A cold Observable of every value the task yields: `fn` is an async generator function, or returns an
   * AsyncIterable, an Iterable or an Observable (see {@link StreamTask}). Each subscription runs the task once, in a
   * worker like any task. Flow control keeps the task at most 16 values ahead of the subscriber (see
   * {@link Executor.streamWith}); unsubscribing stops the task (its iterator is closed, a running task is aborted).
   * The stream completes when the task's values end and errors with the task's error. Use it to report progress
   * from inside a long task.
   *
   * @example
   * ```ts
   * executor.stream(async function* (files: string[]) {
   *   for (const [i, file] of files.entries()) {
   *     await compress(file);
   *     yield { done: i + 1, of: files.length };
   *   }
   * }, files).subscribe(({ done, of }) => console.log(`${done}/${of}`));
   * ```
   * @throws TypeError if `fn` is not a task. The stream errors with {@link ExecutorShutdownError} when subscribed
   * after `shutdown()`, and with TypeError if the task returns something it cannot stream.
   */
  stream<A extends unknown[], T>(fn: StreamTask<A, T>, ...args: A): Observable<T> {
    return this.streamWith(undefined, fn, ...args);
  }

  /**
   * `stream` with options: `highWaterMark`, how many values the task may run ahead of the subscriber before it
   * waits (values produced and not yet delivered; on worker pools, values in flight between the worker and the
   * event loop).
   *
   * @example
   * ```ts
   * executor.streamWith({ highWaterMark: 4 }, readRows, 'data.csv').subscribe(console.log);
   * ```
   * @throws TypeError if `fn` is not a task; TypeError/RangeError for bad options.
   */
  streamWith<A extends unknown[], T>(options: StreamOptions | undefined, fn: StreamTask<A, T>, ...args: A): Observable<T> {
    checkTask(fn);
    const highWaterMark = checkStreamOptions(options);
    this.noteTask(fn as Task<never[], unknown>);
    const task = fn as Task<unknown[], unknown>;
    return streamObservable<T>((channel) => this.submitStream(task, args, channel as StreamChannel<unknown>), highWaterMark);
  }

  /**
   * Stops accepting work, as Python's `shutdown`. With `cancelFutures`, every task that has not started is cancelled.
   * With `wait` (the default) the promise resolves once running and queued work is done and every worker, thread,
   * process and handle is released; without it the same happens in the background. With `timeout`, work still
   * running at the deadline is aborted and work still queued is cancelled. Safe to call more than once.
   *
   * @example
   * ```ts
   * await executor.shutdown({ cancelFutures: true });
   * ```
   * @throws TypeError/RangeError for bad options.
   */
  shutdown(options?: ShutdownOptions): Promise<void> {
    const { wait = true, cancelFutures = false, timeout } = checkOptions<ShutdownOptions>('shutdown()', options, SHUTDOWN_KEYS);
    const limit = checkTimeout('timeout', timeout);
    this._shutdown = true;
    if (cancelFutures) this.cancelPending();
    if (this._closed === undefined) {
      this._closed = new Promise<void>((resolve, reject) => {
        // Resources are released in the same turn as the last work ends (a pool stops its idle workers at once).
        this._whenIdle = () => {
          try {
            resolve(this.releaseResources());
          } catch (error) {
            reject(error);
          }
        };
      }).catch((error: unknown) => {
        process.emitWarning(`error while shutting down ${this.namePrefix}: ${String(error)}`);
      });
      void this._closed.then(() => clearTimeout(this._deadline));
      this.checkIdle();
    }
    if (limit !== undefined && this._deadline === undefined) {
      this._deadline = setTimeout(() => this.expire(limit), limit);
      this._deadline.unref();
    }
    return wait ? this._closed : Promise.resolve();
  }

  /** `await using executor = new AsyncExecutor()` shuts the executor down (and waits) at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown();
  }

  /**
   * @internal Submits one task that runs `fn` over several calls and resolves to their results. `calls` holds one
   * argument list per call, or with `shape` SINGLE_ARGUMENTS each call's only argument (no array per call, which
   * workers clone far faster); with `shape` ONE_CALL it is one call's argument list and the future resolves to that
   * call's result. `options` (already checked by the caller) apply to the chunk as a whole, e.g. one `timeout` for
   * the chunk. With `taken`, every entry of `calls` was taken with {@link Executor.takeArgument} when the caller got
   * it (an argument, or with ARGUMENT_LISTS an argument list), and is not taken again.
   */
  submitChunk(
    fn: Task<unknown[], unknown>,
    calls: unknown[],
    options?: SubmitOptions,
    shape: ChunkShape = ARGUMENT_LISTS,
    taken = false,
  ): Future<unknown[]> {
    this.checkOpen();
    const future = new Future<unknown[]>();
    if (options?.retries !== undefined && !this.retriesNatively(options)) {
      this.retried(future as Future<unknown>, fn, calls, options, shape);
      return future;
    }
    const item = new WorkItem(future as Future<unknown>, fn, calls, options, shape);
    item.taken = taken;
    this.accept(item);
    return future;
  }

  /**
   * @internal Called with each task where the user hands it over (`submit`, `map`, `defer`, `stream`, an operator's
   * creation), while the call stack still shows the caller: a worker pool registers an inline task here, to compile it
   * in its workers as if written in the caller's file. Must be cheap for a function seen before.
   */
  noteTask(_fn: Task<never[], unknown>): void {
    // Tasks of an executor that runs them in this process need nothing.
  }

  /**
   * @internal An argument of a task to be submitted later (with `submitChunk(..., taken)`), as the task will see it:
   * what the caller does to `value` after this call must not reach the task. The worker pools copy it now (their
   * tasks see their arguments as they were when submitted); this default passes it by reference, as a direct call
   * does (the AsyncExecutor). With `list`, `value` is an argument list the caller owns and its elements are taken.
   */
  takeArgument(value: unknown, _list = false): unknown {
    return value;
  }

  /**
   * @internal A private copy of an argument (or with `list`, of an argument list) for a task that may be sent more
   * than once (`retries`): each attempt takes its arguments from this copy, so every attempt sees them as they were
   * when submitted. Unlike {@link Executor.takeArgument}, nothing of it is moved or pooled, so it can be sent again.
   * This default passes it by reference, as a direct call does.
   */
  snapshotArgument(value: unknown, _list = false): unknown {
    return value;
  }

  /** `true` once `shutdown()` was called. */
  get isShutdown(): boolean {
    return this._shutdown;
  }

  /** `true` once the executor is broken (an initializer failed or a worker died, per the executor's rules). */
  get isBroken(): boolean {
    return this._broken !== undefined;
  }

  /**
   * Transport hook for {@link Executor.stream}: runs the stream task `fn(...args)` as one task and writes each value
   * it yields to `channel`, within the channel's credit; returns the task's future, which settles when the stream
   * ends (the value is ignored) or fails with the task's error.
   *
   * The default runs the task in this process through `submit` (right for AsyncExecutor and any executor whose tasks
   * run in the event loop): the task's values go straight to the channel, which is its `StreamSink`.
   *
   * A worker pool overrides it and runs `pumpStream(fn, args, sink)` in the worker, where `sink` is the worker
   * runtime's `StreamSink` (see `PoolExecutor.submitStream` and `worker/protocol.ts`): the task travels in a `RUN`
   * message as task kind `STREAM` with `[args, highWaterMark]` and runs alone on its worker; each value comes back as
   * a `STREAM_VALUE` message (sent only while the worker holds credit) and the parent calls `channel.write(value)`;
   * `channel.onCredit(n)` sends `STREAM_CREDIT` to the worker; the task's ordinary result or error message ends or
   * errors the stream (it follows every value on the same port, so order holds). When the subscriber unsubscribes, the
   * task's ordinary abort (`future._abort`) reaches the worker, which closes the sink (so `pumpStream` returns the
   * iterator or unsubscribes the Observable) and aborts the task's signal; if the task does not end within the pool's
   * abort grace, its worker is killed and replaced.
   */
  protected submitStream(fn: Task<unknown[], unknown>, args: unknown[], channel: StreamChannel<unknown>): Future<unknown> {
    return this.submit(pumpStream, fn, args, channel);
  }

  /**
   * For a transport that runs stream tasks itself (see {@link Executor.submitStream}): submits `fn(...args)` as one
   * task whose item carries `channel` as its `stream`, for the transport to write the task's values to.
   */
  protected submitStreamItem(fn: Task<unknown[], unknown>, args: unknown[], channel: StreamChannel<unknown>): Future<unknown> {
    this.checkOpen();
    const future = new Future<unknown>();
    const item = new WorkItem(future, fn, args, undefined, ONE_CALL);
    item.stream = channel;
    this.accept(item);
    return future;
  }

  /** @internal What `console.log(executor)` shows: its name prefix, size, state and load. */
  _inspectFields(): Record<string, unknown> {
    const state = this._broken !== undefined ? 'broken' : this._shutdown ? 'shutdown' : 'running';
    return { namePrefix: this.namePrefix, maxWorkers: this.maxWorkers, state, ...this.loadCounts() };
  }

  /**
   * @internal How many tasks wait and run (and what else is cheap to count), for `console.log(executor)`. The default
   * counts the running items; executors that keep a queue add its length.
   */
  protected loadCounts(): Record<string, number> {
    let running = 0;
    for (const _ of this.runningItems()) running++;
    return { running };
  }

  // ---- the transport hooks --------------------------------------------------------------------------------------

  /** Queues an accepted item; the subclass starts it when a worker is free. */
  protected abstract enqueue(item: WorkItem): void;
  /** Removes and returns every queued item that has not started. */
  protected abstract takePending(): WorkItem[];
  /** The items running now. */
  protected abstract runningItems(): Iterable<WorkItem>;
  /** Stops a running task whose future has already failed with `reason` (signal it, then force it after a grace). */
  protected abstract abortRunning(item: WorkItem, reason: unknown): void;
  /**
   * `true` while work is queued or running, or anything is under way that could still start or settle some (a
   * worker running its initializer). Once it is `false` after `shutdown()`, the executor releases its resources and
   * the shutdown completes; see {@link Executor.checkIdle}.
   */
  protected abstract hasWork(): boolean;

  /**
   * `true` if the transport runs the attempts of a task submitted with these (checked) retry options itself, as the
   * queue does with BullMQ's own attempts: the task is then one work item whose options keep `retries` and `backoff`,
   * and the subclass owns the attempts (and `future.attempts`). `false`, the default: each attempt is a work item of
   * its own, submitted from here.
   *
   * @example
   * ```ts
   * protected override retriesNatively(options: SubmitOptions): boolean {
   *   return options.retryIf === undefined; // the transport retries; a retryIf must run in this process
   * }
   * ```
   */
  protected retriesNatively(_options: SubmitOptions): boolean {
    return false;
  }

  /**
   * Frees what the executor holds (threads, processes, connections) once it is shut down and its work has ended;
   * `shutdown({ wait: true })` resolves when the returned promise does. Called once. The default holds nothing.
   */
  protected releaseResources(): Promise<void> | void {
    return undefined;
  }

  // ---- services for subclasses ---------------------------------------------------------------------------------

  /**
   * Marks an item as running; returns `false` if it was cancelled or aborted while queued (skip it). `worker` names
   * the worker that took it, for the task's trace span (see the README's Traces).
   */
  protected startItem(item: WorkItem, worker?: string): boolean {
    const future = item.future;
    if (future.done() || !future.setRunningOrNotifyCancel()) return false;
    item.trace?.started(worker);
    future._setAborter(this.aborter, item);
    future._attempts++;
    item.retry?.attemptStarted();
    const ms = item.options?.timeout;
    if (ms !== undefined) {
      item.timer = setTimeout(() => this.abortItem(item, new TimeoutError(`task timed out after ${ms} ms`)), ms);
    }
    return true;
  }

  /** Settles an item's future with the task's outcome, unless an abort settled it already. */
  protected finishItem(item: WorkItem, failed: boolean, value: unknown): void {
    if (item.timer !== undefined) clearTimeout(item.timer);
    const future = item.future;
    future._setAborter(undefined);
    if (future.done()) return;
    if (failed) future.setException(value);
    else future.setResult(value);
  }

  /**
   * Breaks the executor: later submissions throw a copy of `error`, and every queued future fails with its own copy.
   * The subclass fails the running futures it holds.
   */
  protected breakExecutor(error: BrokenExecutor): void {
    this._broken ??= error;
    for (const item of this.takePending()) this.finishItem(item, true, this.brokenError());
  }

  /** A fresh copy of the error the executor broke with (each future gets its own error object). */
  protected brokenError(): BrokenExecutor {
    const original = this._broken ?? new BrokenExecutor('the executor is broken');
    const Kind = original.constructor as new (message: string, options?: ErrorOptions) => BrokenExecutor;
    return new Kind(original.message, { cause: original.cause });
  }

  /**
   * Tells the executor that its last work may have ended (a task settled, a queue emptied, an initializer finished):
   * once it is shut down and {@link Executor.hasWork} says `false`, it calls {@link Executor.releaseResources} and the
   * shutdown completes. Cheap when no shutdown is waiting; calling it too often is harmless, too rarely hangs `shutdown()`.
   */
  protected checkIdle(): void {
    const done = this._whenIdle;
    if (done === undefined || this._retrying.size > 0 || this.hasWork()) return;
    this._whenIdle = undefined;
    done();
  }

  /** Throws if the executor can take no more work. */
  protected checkOpen(): void {
    if (this._broken !== undefined) throw this.brokenError();
    if (this._shutdown) throw new ExecutorShutdownError('cannot schedule new futures after shutdown');
  }

  // ---- internals ------------------------------------------------------------------------------------------------

  private accept(item: WorkItem): void {
    const signal = item.options?.signal;
    if (signal !== undefined) {
      if (signal.aborted) {
        item.future.setException(signal.reason);
        return;
      }
      item.future._listen(watchAbort(signal, () => this.abortItem(item, signal.reason)));
    }
    item.trace = traceTask(this.namePrefix, item.fn, item.future);
    this.enqueue(item);
  }

  private abortItem(item: WorkItem, reason: unknown): void {
    const future = item.future;
    if (future.state === 'PENDING') {
      future.setException(reason);
    } else if (future.state === 'RUNNING') {
      this.finishItem(item, true, reason);
      this.abortRunning(item, reason);
    }
  }

  private cancelPending(): void {
    this._mayRetry = false;
    for (const item of this.takePending()) item.future.cancel();
    for (const run of [...this._retrying]) run.future.cancel(); // those waiting for their next attempt
    this.checkIdle();
  }

  /** Submits a task with `retries`: `future` is the user's; each attempt is an ordinary item of its own. */
  private retried(future: Future<unknown>, fn: Task<unknown[], unknown>, args: unknown[], opts: SubmitOptions, shape: ChunkShape): void {
    // The signal is the run's to handle (an abort stops the run, not just one attempt); the attempts carry it only so
    // that a transport treats them as abortable (a pool runs such a task alone on its worker, so that killing the
    // worker to stop it harms no neighbour).
    const { signal, timeout, priority } = opts;
    // Every attempt sees the arguments as they were now (a chunk's were snapshotted as they were pulled).
    if (shape === ONE_CALL) args = this.snapshotArgument(args, true) as unknown[];
    // One span for the whole run, from submit to the user's future settling (the attempts' run time included).
    const trace = traceTask(this.namePrefix, fn, future);
    const attemptOptions: SubmitOptions | undefined =
      signal === undefined && timeout === undefined && priority === undefined ? undefined : { signal, timeout, priority };
    const host: RetryHost = {
      submitAttempt: (run) => {
        if (this._broken !== undefined) throw this.brokenError();
        const attempt = new Future<unknown>();
        const item = new WorkItem(attempt, fn, args, attemptOptions, shape);
        item.retry = run;
        item.trace = trace;
        this.enqueue(item);
        run.future._waitGuard ??= attempt._waitGuard; // deadlock detection watches the user's future too
        return attempt;
      },
      abortAttempt: (attempt, reason) => {
        if (!attempt._abort(reason) && !attempt.done()) attempt.setException(reason);
      },
      mayRetry: () => this._mayRetry,
      ended: (run) => {
        this._retrying.delete(run);
        this.checkIdle();
      },
    };
    const run = new RetryRun(future, retryPolicy(opts), host);
    this._retrying.add(run);
    run.start(opts.signal);
  }

  private expire(limit: number): void {
    this.cancelPending();
    for (const item of [...this.runningItems()]) {
      this.abortItem(item, new TimeoutError(`shutdown timed out after ${limit} ms while the task was running`));
    }
  }
}

/** `console.log(executor)` prints `ThreadPoolExecutor { namePrefix: ..., maxWorkers: 4, state: 'running', ... }`. */
Object.defineProperty(Executor.prototype, inspectCustom, {
  value(this: Executor, depth: number | null, options: InspectOptionsLike, inspect: InspectFunction): string {
    return inspectAs(this.constructor.name, this._inspectFields(), depth, options, inspect);
  },
});
