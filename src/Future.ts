import { Observable, ReplaySubject, type Subscriber } from 'rxjs';
import { CancelledError } from './errors/CancelledError';
import { InvalidStateError } from './errors/InvalidStateError';
import { TimeoutError } from './errors/TimeoutError';
import type { FutureState } from './FutureState';
import { inspectAs, inspectCustom, type InspectFunction, type InspectOptionsLike } from './internal/inspectAs';
import { checkTimeout } from './internal/validate';
import type { WaitGuard } from './internal/WaitGuard';

/**
 * A done callback: called with the future once it is done (finished or cancelled). See {@link Future.addDoneCallback}.
 *
 * @example
 * ```ts
 * const report: DoneCallback<number> = (f) => console.log(f.cancelled() ? 'cancelled' : 'finished');
 * future.addDoneCallback(report);
 * ```
 */
export type DoneCallback<T> = (future: Future<T>) => void;

/**
 * The eventual outcome of a task: Python's `concurrent.futures.Future`, which is also a single-value RxJS
 * `Observable` and a thenable.
 *
 * States follow Python: `PENDING -> RUNNING -> FINISHED` or `PENDING -> CANCELLED`; a task submitted with
 * `retries` goes back from `RUNNING` to `PENDING` after a failed attempt, while it waits for the next one (so it can
 * still be cancelled then). Executors create futures and
 * settle them; users read them with `result()`, `exception()`, `await`, `subscribe()` or done callbacks. Nothing a
 * reader does changes the future: subscribing never starts or cancels work, unsubscribing only detaches, and a
 * timed-out `result(ms)` leaves the future as it was.
 *
 * A failed future that nobody reads does not raise `unhandledRejection`: like Python, it keeps its error silently.
 *
 * @example
 * ```ts
 * const future = executor.submit((a: number, b: number) => a + b, 1, 2);
 * future.addDoneCallback((f) => console.log('done:', f.state));
 * console.log(await future); // 3
 * future.subscribe((value) => console.log(value)); // 3, then complete
 * ```
 *
 * @example Writing your own executor
 * ```ts
 * const future = new Future<string>();
 * if (future.setRunningOrNotifyCancel()) {
 *   setTimeout(() => future.setResult('hello'), 10);
 * }
 * ```
 */
export class Future<T> extends Observable<T> implements PromiseLike<T> {
  private _state: FutureState = 'PENDING';
  /** The value, or once `_failed` the error: one field, so a queued future is a word smaller. */
  private _outcomeValue: unknown = undefined;
  private _failed = false;
  /**
   * Done listeners in the order they were added (user callbacks, subscribers, waiters): none, the only one, or a Set
   * once there are two. Most futures are awaited once, so the common case allocates no collection.
   */
  private _listeners: DoneListener | Set<DoneListener> | undefined = undefined;
  /** @internal Set by executors that detect deadlocks (see AsyncExecutor). */
  _waitGuard: WaitGuard<Future<unknown>> | undefined = undefined;
  /**
   * @internal Set by the executor while the task runs (with {@link Future._abortKey}): what stops it and fails the
   * future with a reason. An object the executor has anyway, not a closure made for every task.
   */
  _aborter: TaskAborter | undefined = undefined;
  /** @internal Handed back to `_aborter` with the reason: which task to stop (the executor's work item). */
  _abortKey: unknown = undefined;
  /** @internal How many times the task started (see {@link Future.attempts}); set by the executor. */
  _attempts = 0;
  /**
   * @internal The task's progress: `undefined` before any report and while nobody asked for `progress`; the latest
   * value (boxed) while nobody did; the subject once someone did.
   */
  private _progress: ReplaySubject<unknown> | { latest: unknown } | undefined = undefined;

  /**
   * The values the task reports with `reportProgress()`, as they come: a late subscriber gets the latest value first.
   * It completes when the future is done (at once for a future already done, after the latest value if there was
   * one). On a worker pool values are throttled: between two messages only the latest value travels. While nobody
   * subscribes, a value costs one assignment here.
   *
   * @example
   * ```ts
   * const future = executor.submit(encode, video);
   * future.progress.subscribe((fraction) => console.log(`${Math.round((fraction as number) * 100)}%`));
   * await future;
   * ```
   */
  get progress(): Observable<unknown> {
    return this._progressSubject().asObservable();
  }

  /** @internal The task reported a progress value. Ignored once the future is done. */
  _reportProgress(value: unknown): void {
    if (this.done()) return;
    const progress = this._progress;
    if (progress instanceof ReplaySubject) progress.next(value);
    else if (progress === undefined) this._progress = { latest: value };
    else progress.latest = value;
  }

  private _progressSubject(): ReplaySubject<unknown> {
    const progress = this._progress;
    if (progress instanceof ReplaySubject) return progress;
    const subject = new ReplaySubject<unknown>(1);
    if (progress !== undefined) subject.next(progress.latest);
    this._progress = subject;
    if (this.done()) subject.complete();
    else this._listen(() => subject.complete());
    return subject;
  }

  /**
   * How many times the task started: 0 while it waits for its first run, 1 once it ran, more when `submitWith`'s
   * `retries` ran it again after a failure.
   *
   * @example
   * ```ts
   * const future = executor.submitWith({ retries: 2 }, flakyFetch, url);
   * await future.catch(() => undefined);
   * console.log(future.attempts); // 1, 2 or 3
   * ```
   */
  get attempts(): number {
    return this._attempts;
  }

  /** The current state: `'PENDING'`, `'RUNNING'`, `'FINISHED'` or `'CANCELLED'`. */
  get state(): FutureState {
    return this._state;
  }

  /**
   * Attempts to cancel the task. A future that is `RUNNING` or `FINISHED` cannot be cancelled.
   *
   * @returns `true` if the future was pending (it is now cancelled and its done callbacks ran) or was already
   * cancelled; `false` if it is running or finished.
   */
  cancel(): boolean {
    if (this._state === 'CANCELLED') return true;
    if (this._state !== 'PENDING') return false;
    this._settle('CANCELLED');
    return true;
  }

  /** `true` if the future was cancelled. */
  cancelled(): boolean {
    return this._state === 'CANCELLED';
  }

  /** `true` if the task is running now and cannot be cancelled. */
  running(): boolean {
    return this._state === 'RUNNING';
  }

  /** `true` if the future finished (with a value or an error) or was cancelled. */
  done(): boolean {
    return this._state === 'FINISHED' || this._state === 'CANCELLED';
  }

  /**
   * The task's value once it is done.
   *
   * @param timeoutMs - how long to wait, in milliseconds; omit it (or pass `Infinity`) to wait as long as it takes.
   * @returns a promise of the value.
   * @throws (rejects with) the task's own error if it failed, {@link CancelledError} if the future was cancelled,
   * or {@link TimeoutError} if it was not done within `timeoutMs` (the future itself is untouched).
   */
  result(timeoutMs?: number): Promise<T> {
    return this._wait(timeoutMs, false) as Promise<T>;
  }

  /**
   * The error the task failed with, or `undefined` if it succeeded.
   *
   * @param timeoutMs - as for {@link Future.result}.
   * @throws (rejects with) {@link CancelledError} if the future was cancelled, {@link TimeoutError} on timeout.
   */
  exception(timeoutMs?: number): Promise<unknown> {
    return this._wait(timeoutMs, true);
  }

  /**
   * Calls `fn(future)` once the future is done (finished or cancelled), at once if it is done already. Callbacks run
   * in the order they were added. A callback that throws is reported as a process warning and harms nothing else.
   */
  addDoneCallback(fn: DoneCallback<T>): void {
    if (typeof fn !== 'function') {
      throw new TypeError(`addDoneCallback expects a function; received ${typeof fn}`);
    }
    const call = () => {
      try {
        fn(this);
      } catch (error) {
        reportCallbackError(this, error);
      }
    };
    if (this.done()) call();
    else this._listen(call);
  }

  /**
   * For executors: marks the future as running, or reports that it was cancelled while it waited.
   *
   * @returns `true` if the task may start (the future is now `RUNNING`); `false` if it was cancelled.
   * @throws {@link InvalidStateError} if the future is already running or finished.
   */
  setRunningOrNotifyCancel(): boolean {
    if (this._state === 'CANCELLED') return false;
    if (this._state !== 'PENDING') {
      throw new InvalidStateError(`cannot start a future that is ${this._state}`);
    }
    this._state = 'RUNNING';
    return true;
  }

  /**
   * For executors: finishes the future with a value.
   *
   * @throws {@link InvalidStateError} if the future is already done.
   */
  setResult(value: T): void {
    this._checkNotDone('setResult');
    this._outcomeValue = value;
    this._settle('FINISHED');
  }

  /**
   * For executors: finishes the future with an error.
   *
   * @throws {@link InvalidStateError} if the future is already done.
   */
  setException(error: unknown): void {
    this._checkNotDone('setException');
    this._outcomeValue = error;
    this._failed = true;
    this._settle('FINISHED');
  }

  /** `await future` is `await future.result()`. */
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    // One native promise, made here, and a small record of the callbacks (no promise of the outcome to chain on).
    // Once the future is done the promise is resolved with the record, a thenable: V8 then calls the record's `then`
    // in a microtask of its own, which runs the callback and settles the promise with what it returns or throws. So
    // the callbacks run asynchronously, one microtask after the settling (as they would chained on a promise of the
    // outcome), and in the async context of this call: V8 runs that job under the returned promise's context.
    let endWait: (() => void) | undefined;
    if (this._waitGuard !== undefined && !this.done()) {
      const verdict = this._waitGuard.beginWait(this);
      if (verdict instanceof Error) return Promise.reject(verdict).then(onFulfilled, onRejected);
      endWait = verdict;
    }
    const promise = new Promise(captureResolvers) as Promise<R1 | R2>;
    const reaction = new ThenReaction(this, onFulfilled, onRejected, capturedResolve!, endWait);
    capturedResolve = capturedReject = undefined;
    if (this.done()) reaction.futureDone();
    else this._listen(reaction);
    return promise;
  }

  /**
   * `future.catch(fn)` is `future.result().catch(fn)`, for code that treats a future as a promise.
   *
   * @example
   * ```ts
   * const value = await executor.submit(mayFail).catch(() => fallback);
   * ```
   */
  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.result().catch(onRejected);
  }

  /**
   * `future.finally(fn)` is `future.result().finally(fn)`.
   *
   * @example
   * ```ts
   * await executor.submit(work).finally(() => console.log('settled'));
   * ```
   */
  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.result().finally(onFinally);
  }

  override toString(): string {
    if (this._state !== 'FINISHED') return `<Future state=${this._state}>`;
    return this._failed ? `<Future state=FINISHED raised ${errorName(this._outcomeValue)}>` : '<Future state=FINISHED returned>';
  }

  // ---- The internal surface -----------------------------------------------------------------------------------
  // What the rest of rxfutures (never a user) may use of a future beyond its public API, all here and @internal:
  // - `_listen` / `_unlisten`: a removable done listener, cheaper than a done callback (no future argument, no error
  //   trap) and removable, for waiters (`wait`, `asCompleted`'s CompletionWatch), the map engine, streams and the
  //   Executor's bookkeeping. The caller checks `done()` first; a listener runs once, when the future settles.
  // - `_hasFailed` / `_deliver`: read the outcome without a promise: whether it failed (`wait`'s FIRST_EXCEPTION,
  //   the map engine, `stream`), and handing it to a subscriber (the map engine, `stream`).
  // - `_abort` / `_setAborter` (`_aborter` above): the executor sets what stops the running task; `cancelOrAbort` calls it.
  // - `_waitGuard` (field above): set by an executor that detects deadlocks (AsyncExecutor).
  // - `_listenerCount`, `_inspectFields`: for specs (no listener is kept once done) and `console.log`.
  // The settling methods (`setRunningOrNotifyCancel`, `setResult`, `setException`) are public: any executor uses them.

  /** @internal Stops the running task and fails the future with `reason`; `false` if no executor can stop it now. */
  _abort(reason: unknown): boolean {
    const aborter = this._aborter;
    if (aborter === undefined) return false;
    aborter.abortTask(reason, this._abortKey);
    return true;
  }

  /** @internal The executor started the task: `aborter.abortTask(reason, key)` stops it. `undefined`: it ended. */
  _setAborter(aborter: TaskAborter | undefined, key?: unknown): void {
    this._aborter = aborter;
    this._abortKey = key;
  }

  /** @internal Adds a removable done listener; the caller checks `done()` first. */
  _listen(listener: DoneListener): void {
    const current = this._listeners;
    if (current === undefined) this._listeners = listener;
    else if (current instanceof Set) current.add(listener);
    else this._listeners = new Set([current, listener]);
  }

  /** @internal Removes a listener added by `_listen` (nothing happens if it is not there, or already ran). */
  _unlisten(listener: DoneListener): void {
    const current = this._listeners;
    if (current === listener) this._listeners = undefined;
    else if (current instanceof Set) current.delete(listener);
  }

  /** @internal How many removable listeners the future holds (0 once done: nothing is kept). */
  _listenerCount(): number {
    const current = this._listeners;
    return current === undefined ? 0 : current instanceof Set ? current.size : 1;
  }

  /**
   * @internal A retried task failed and will run again: the future goes back from `RUNNING` to `PENDING`, so that it
   * can be cancelled while it waits for its next attempt. Its done listeners are kept; they have not run.
   */
  _requeue(): void {
    if (this._state === 'RUNNING') this._state = 'PENDING';
  }

  /** @internal The value or the error of a finished future (`undefined` for a cancelled or pending one). */
  _settledValue(): unknown {
    return this._outcomeValue;
  }

  /** @internal `true` if the future finished with an error (not cancelled). */
  _hasFailed(): boolean {
    return this._failed;
  }

  /** @internal What `console.log(future)` shows: the state, and the value or error once finished. */
  _inspectFields(): Record<string, unknown> {
    if (this._state !== 'FINISHED') return { state: this._state };
    return this._failed ? { state: this._state, exception: this._outcomeValue } : { state: this._state, result: this._outcomeValue };
  }

  /** @internal Delivers the outcome to a subscriber; the future is done. */
  _deliver(subscriber: Subscriber<T>): void {
    if (this._state === 'CANCELLED') subscriber.error(new CancelledError('the future was cancelled'));
    else if (this._failed) subscriber.error(this._outcomeValue);
    else {
      subscriber.next(this._outcomeValue as T);
      subscriber.complete();
    }
  }

  private _checkNotDone(method: string): void {
    if (this.done()) throw new InvalidStateError(`${method}() called on a future that is already ${this._state}`);
  }

  private _settle(state: FutureState): void {
    this._state = state;
    const listeners = this._listeners;
    if (listeners === undefined) return;
    this._listeners = undefined;
    if (listeners instanceof Set) for (const listener of listeners) this._notify(listener);
    else this._notify(listeners);
  }

  private _notify(listener: DoneListener): void {
    if (typeof listener === 'function') listener();
    else listener.futureDone(this);
  }

  /**
   * A promise of the outcome (the value, or with `wantError` the error), with no time limit. A pending future keeps
   * only the promise's resolving functions, in one small record among its listeners: no closure per wait.
   */
  private _outcome(wantError: boolean): Promise<unknown> {
    if (this.done()) return this._settledOutcome(wantError);
    let endWait: (() => void) | undefined;
    if (this._waitGuard !== undefined) {
      const verdict = this._waitGuard.beginWait(this);
      if (verdict instanceof Error) return Promise.reject(verdict);
      endWait = verdict;
    }
    const promise = new Promise(captureResolvers);
    this._listen(new OutcomeListener(wantError, capturedResolve!, capturedReject!, endWait));
    capturedResolve = capturedReject = undefined;
    return promise;
  }

  /** A promise of a done future's outcome, settled already. */
  private _settledOutcome(wantError: boolean): Promise<unknown> {
    if (this._state === 'CANCELLED') return Promise.reject(new CancelledError('the future was cancelled'));
    if (wantError) return Promise.resolve(this._failed ? this._outcomeValue : undefined);
    return this._failed ? Promise.reject(this._outcomeValue) : Promise.resolve(this._outcomeValue);
  }

  /** @internal Settles a wait on the done future: `resolve` with the value (or with `wantError` the error), or `reject`. */
  _report(wantError: boolean, resolve: (value: unknown) => void, reject: (error: unknown) => void): void {
    if (this._state === 'CANCELLED') reject(new CancelledError('the future was cancelled'));
    else if (wantError) resolve(this._failed ? this._outcomeValue : undefined);
    else if (this._failed) reject(this._outcomeValue);
    else resolve(this._outcomeValue);
  }

  /** `result()`/`exception()`: without a limit, {@link Future._outcome}; with one, a wait that a timer may end. */
  private _wait(timeoutMs: number | undefined, wantError: boolean): Promise<unknown> {
    const limit = timeoutMs === undefined ? undefined : checkTimeout('timeoutMs', timeoutMs);
    if (limit === undefined || this.done()) return this._outcome(wantError);
    // A wait with a time limit cannot deadlock (it ends anyway): no deadlock watch.
    return new Promise((resolve, reject) => {
      const onDone = () => {
        clearTimeout(timer);
        this._report(wantError, resolve, reject);
      };
      this._listen(onDone);
      const timer = setTimeout(() => {
        this._unlisten(onDone);
        reject(new TimeoutError(`future not done within ${Math.round(limit)} ms`));
      }, limit);
    });
  }
}

/**
 * @internal What stops a future's running task: its executor, told which work item, or a retried run.
 *
 * @example
 * ```ts
 * future._setAborter({ abortTask: (reason, item) => stop(item as WorkItem, reason) }, item);
 * ```
 */
export interface TaskAborter {
  abortTask(reason: unknown, key: unknown): void;
}

/**
 * @internal An object told when a future it listens to is done, with that future: one watcher can listen to many
 * futures without a closure for each (a map's engine; a wait's {@link OutcomeListener}; a `then`'s reaction).
 *
 * @example
 * ```ts
 * future._listen({ futureDone: (done) => console.log(done.state) });
 * ```
 */
export interface FutureWatcher {
  futureDone(future: Future<unknown>): void;
}

/** What a future calls when it settles: a function, or a {@link FutureWatcher}. */
type DoneListener = (() => void) | FutureWatcher;

/**
 * One `then(onFulfilled, onRejected)` on a future: the callbacks and the resolve function of the promise `then`
 * returned. When the future is done, that promise is resolved with this record, which is a thenable: V8 calls its
 * {@link ThenReaction.then} in a microtask (under the returned promise's async context), and that runs the callback.
 */
class ThenReaction {
  constructor(
    private readonly future: Future<unknown>,
    private readonly onFulfilled: ((value: never) => unknown) | null | undefined,
    private readonly onRejected: ((reason: unknown) => unknown) | null | undefined,
    private readonly resolvePromise: (value: unknown) => void,
    /** Ends the wait's deadlock watch (see WaitGuard), if it has one. */
    private readonly endWait: (() => void) | undefined,
  ) {}

  /** The future is done: the callback is due, one microtask from now. */
  futureDone(): void {
    this.endWait?.();
    this.resolvePromise(this);
  }

  /**
   * Called by V8 with fresh resolving functions of the promise `then` returned: runs the callback the outcome calls
   * for and settles the promise with its result (adopted if it is a thenable), or passes the outcome through.
   */
  then(resolve: (value: unknown) => void, reject: (reason: unknown) => void): void {
    const future = this.future;
    let failed = true;
    let outcome: unknown;
    if (future.cancelled()) outcome = new CancelledError('the future was cancelled');
    else {
      outcome = future._settledValue();
      failed = future._hasFailed();
    }
    const callback = failed ? this.onRejected : this.onFulfilled;
    if (typeof callback !== 'function') {
      if (failed) reject(outcome);
      else resolve(outcome);
      return;
    }
    try {
      resolve((callback as (value: unknown) => unknown)(outcome));
    } catch (error) {
      reject(error);
    }
  }
}

/** A pending `then`/`result()`/`exception()` without time limit: the resolving functions of the promise it returned. */
class OutcomeListener {
  constructor(
    readonly wantError: boolean,
    readonly resolve: (value: unknown) => void,
    readonly reject: (error: unknown) => void,
    /** Ends the wait's deadlock watch (see WaitGuard), if it has one. */
    readonly endWait: (() => void) | undefined,
  ) {}

  futureDone(future: Future<unknown>): void {
    this.endWait?.();
    future._report(this.wantError, this.resolve, this.reject);
  }
}

/**
 * The resolving functions of the promise `new Promise(captureResolvers)` just made: one executor function for every
 * wait, not a closure each. The Promise constructor calls it synchronously; `_outcome` takes them at once.
 */
let capturedResolve: ((value: unknown) => void) | undefined;
let capturedReject: ((error: unknown) => void) | undefined;
function captureResolvers(resolve: (value: unknown) => void, reject: (error: unknown) => void): void {
  capturedResolve = resolve;
  capturedReject = reject;
}

/**
 * The Observable side of a future. It sits on the prototype (where RxJS looks for `_subscribe`) rather than being
 * passed to `super()`, so a future carries no per-instance subscribe function: queued futures stay small.
 */
function subscribeToFuture(this: Future<unknown>, subscriber: Subscriber<unknown>): (() => void) | undefined {
  if (this.done()) {
    this._deliver(subscriber);
    return undefined;
  }
  const listener = () => this._deliver(subscriber);
  this._listen(listener);
  return () => this._unlisten(listener);
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

function reportCallbackError(future: Future<unknown>, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? String(error)) : String(error);
  process.emitWarning(`exception calling done callback for ${future}`, { type: 'FutureCallbackError', detail });
}

(Future.prototype as unknown as { _subscribe: typeof subscribeToFuture })._subscribe = subscribeToFuture;

/**
 * `console.log(future)` prints `Future { state: 'FINISHED', result: 9 }`, not the future's internals (which reach its
 * executor). On the prototype, like `_subscribe`, so the declared type stays as it is.
 */
Object.defineProperty(Future.prototype, inspectCustom, {
  value(this: Future<unknown>, depth: number | null, options: InspectOptionsLike, inspect: InspectFunction): string {
    return inspectAs(this.constructor.name, this._inspectFields(), depth, options, inspect);
  },
});
