import type { Subscriber } from 'rxjs';
import type { Future } from '../Future';
import { TimeoutError } from '../errors/TimeoutError';
import { Deque } from './Deque';
import { nextMicrotask } from './nextMicrotask';

/** Where a {@link MapEngine} delivers: each result value, then the end (an error, or completion). */
export interface MapSink<R> {
  next(value: R): void;
  error(error: unknown): void;
  complete(): void;
  /** If present, takes a chunk's results as one array (not to be changed) instead of value by value. */
  chunk?(values: readonly R[]): void;
}

/** How a {@link MapEngine} delivers. */
export interface MapEngineOptions {
  /** `true`: results in submission order (`Executor.map`, `mapOrdered`); `false`: as each future completes. */
  readonly ordered: boolean;
  /** Each future resolves to the array of a chunk's results, delivered value by value. */
  readonly chunked: boolean;
  /**
   * Ordered only: read the futures as Python's map generator does, which `Executor.map` is. Only the oldest future
   * is watched (one listener at a time, none on the futures queued behind it), and its settling is acted on a
   * microtask later: the generator runs beside the workers, so a worker freed by a completion takes its next queued
   * task before the map reacts (an error then cancels only what is still queued). The operators watch every future
   * (a failure anywhere stops their new work) and react at once. `failed` and `onSettled` do not apply.
   */
  readonly generator?: boolean;
  /** Called once a settled future has been dealt with (delivered, if it could be): the owner may submit more. */
  readonly onSettled?: () => void;
  /**
   * Ordered only: called each time delivery starts on the next future, before it waits for it. `Executor.map` with
   * `buffersize` submits one more task then, as Python's does.
   */
  readonly onTake?: () => void;
  /** Ordered only: `Executor.map`'s `timeout` (ms), counted from `start` (a `performance.now()` reading). */
  readonly timeout?: { readonly ms: number; readonly start: number };
}

/**
 * The engine under `Executor.map`, `mapOrdered` and `mapUnordered`: holds the futures of one map and delivers their
 * results through future listeners, in submission order (waiting for the oldest) or as each completes, a chunk's
 * values one by one. The first failure delivered (a task error, a cancellation, the map's timeout) ends the delivery
 * with that error; the end of the futures, once {@link MapEngine.seal}ed, completes it.
 *
 * Delivery goes at the reader's pace when the sink comes with a `wants` test (the async iterator asks for one future
 * at a time), else as fast as futures complete. Nothing is cancelled here: {@link MapEngine.close} hands back the
 * futures not delivered, for the owner to cancel (`Executor.map`) or cancel and abort (the operators).
 */
export class MapEngine<R> {
  /** `true` once any future has failed or been cancelled (the operators then start no more work). */
  failed = false;
  private readonly queue: Deque<Future<unknown>> | undefined;
  /**
   * Unordered: the futures added, in order, delivered ones included until they are half of the list (then it keeps
   * the others only, see {@link MapEngine.deliverUnordered}): no hash set to add to and delete from for each future.
   */
  private readonly unordered: Future<unknown>[] | undefined;
  /** Unordered: how many futures added are not delivered yet. */
  private undelivered = 0;
  private readonly generator: boolean;
  private readonly onSettled: (() => void) | undefined;
  private readonly onTake: (() => void) | undefined;
  private sink: MapSink<R> | undefined = undefined;
  private wants: (() => boolean) | undefined = undefined;
  private sealed = false;
  private ended = false;
  /** The oldest future has been taken (`onTake` ran for it) and is waited for. */
  private taken = false;
  private flushing = false;
  /** The future a generator-style engine listens to: the oldest, while delivery waits for it. */
  private watched: Future<unknown> | undefined = undefined;
  private flushScheduled = false;
  private timer: NodeJS.Timeout | undefined = undefined;
  /** Receives one future's outcome (see `Future._deliver`). */
  private readonly receiver: Subscriber<unknown>;
  /** A generator-style engine's flush, a microtask after the watched future settled (one function for them all). */
  private readonly flushLater = (): void => {
    this.flushScheduled = false;
    this.flush();
  };

  constructor(private readonly options: MapEngineOptions) {
    if (options.ordered) this.queue = new Deque();
    else this.unordered = [];
    this.generator = options.generator === true;
    this.onSettled = options.onSettled;
    this.onTake = options.onTake;
    const deliver = options.chunked
      ? (value: unknown) => this.deliverChunk(value as R[])
      : (value: unknown) => this.sink!.next(value as R);
    this.receiver = {
      next: deliver,
      error: (error: unknown) => this.fail(error),
      complete: () => undefined,
    } as Subscriber<unknown>;
  }

  /** Futures added and not yet delivered. */
  get size(): number {
    return this.queue?.length ?? this.undelivered;
  }

  /**
   * Starts delivering to `sink`. With `wants`, a future is delivered only while `wants()` says the reader wants more
   * (call {@link MapEngine.pull} when that may have changed); without it, every future as soon as it can be.
   */
  open(sink: MapSink<R>, wants?: () => boolean): void {
    this.sink = sink;
    this.wants = wants;
    this.flush();
  }

  /** The reader wants more: delivers what it can now. */
  pull(): void {
    this.flush();
  }

  /** Adds the next submitted future. */
  add(future: Future<unknown>): void {
    if (this.queue !== undefined) this.queue.push(future);
    else {
      this.unordered!.push(future);
      this.undelivered++;
    }
    if (future.done()) this.settled(future);
    else if (!this.generator) future._listen(this);
  }

  /** No more futures will be added: once every one is delivered, the sink completes. */
  seal(): void {
    this.sealed = true;
    this.flush();
  }

  /** Stops delivering; returns the futures not delivered (oldest first when ordered), for the owner to cancel. */
  close(): Future<unknown>[] {
    this.ended = true;
    this.clearTimer();
    if (this.queue !== undefined) return this.queue.drain();
    const left = this.unordered!.filter((future) => !future.done());
    this.unordered!.length = 0;
    return left;
  }

  /** A future this engine listens to (each one at most once) is done: the engine is its own `FutureWatcher`. */
  futureDone(future: Future<unknown>): void {
    this.settled(future);
  }

  private settled(future: Future<unknown>): void {
    if (this.ended) return;
    if (this.generator) {
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        nextMicrotask(this.flushLater);
      }
      return;
    }
    if (future._hasFailed() || future.cancelled()) this.failed = true;
    if (this.unordered !== undefined && this.sink !== undefined) this.deliverUnordered(future);
    this.flush();
    this.onSettled?.();
  }

  /**
   * Delivers what can be delivered now: in order, the oldest futures while they are done (and wanted); unordered,
   * nothing but the end (each future is delivered as it settles). Not re-entrant: a sink or `onTake` that adds or
   * pulls comes back here, and the loop already running carries on instead.
   */
  private flush(): void {
    if (this.flushing || this.ended || this.sink === undefined) return;
    const queue = this.queue;
    if (queue === undefined) {
      if (this.sealed && this.undelivered === 0) this.end();
      return;
    }
    this.flushing = true;
    try {
      while (!this.ended) {
        const head = queue.at(0);
        if (head === undefined) {
          if (this.sealed) this.end();
          return;
        }
        if (this.wants !== undefined && !this.wants()) return;
        if (!this.taken && this.onTake !== undefined) {
          this.taken = true;
          this.take();
          continue;
        }
        if (!head.done()) {
          this.wait(head);
          return;
        }
        queue.shift();
        this.taken = false;
        head._deliver(this.receiver);
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * Unordered: delivers a future that has just settled. It stays in the list (finding it would cost a search per
   * future) until the delivered ones are about half of it; then the list keeps only the futures not done, so it never
   * holds more than about twice those in flight, and a delivered future's outcome is soon free to be collected.
   */
  private deliverUnordered(future: Future<unknown>): void {
    this.undelivered--;
    const list = this.unordered!;
    if (list.length >= 2 * this.undelivered + 16) {
      let kept = 0;
      for (const each of list) if (!each.done()) list[kept++] = each;
      list.length = kept;
    }
    future._deliver(this.receiver);
  }

  /** Delivery waits for `head`: a generator listens to it now; the map's timeout runs. */
  private wait(head: Future<unknown>): void {
    if (this.generator && this.watched !== head) {
      this.watched = head;
      head._listen(this);
    }
    if (this.options.timeout !== undefined) this.armTimeout(this.options.timeout);
  }

  /** Runs `onTake`; a throw (the executor was shut down meanwhile) ends the delivery with that error. */
  private take(): void {
    try {
      this.onTake!();
    } catch (error) {
      this.fail(error);
    }
  }

  private deliverChunk(values: R[]): void {
    const sink = this.sink!;
    if (sink.chunk !== undefined) {
      sink.chunk(values);
      return;
    }
    for (const value of values) {
      if (this.ended) return;
      sink.next(value);
    }
  }

  private fail(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.clearTimer();
    this.sink!.error(error);
  }

  private end(): void {
    this.ended = true;
    this.clearTimer();
    this.sink!.complete();
  }

  /**
   * While delivery waits for a future that is not done, the map's timeout runs: when it is up, the map fails with
   * {@link TimeoutError} if it is still waiting then (as Python's `result(end_time - now)`: a future done by the time
   * the reader asks for it is delivered, even late).
   */
  private armTimeout(timeout: { readonly ms: number; readonly start: number }): void {
    if (this.timer !== undefined) return;
    const remaining = Math.max(0, timeout.start + timeout.ms - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const head = this.queue!.at(0);
      if (this.ended || head === undefined || head.done() || (this.wants !== undefined && !this.wants())) return;
      this.fail(new TimeoutError(`map() timeout of ${timeout.ms} ms passed (counted from the call of map()) before the next result was ready`));
    }, remaining);
  }

  private clearTimer(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
