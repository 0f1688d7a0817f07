import { Observable, type OperatorFunction, type Subscriber } from 'rxjs';
import type { Future } from '../../src/Future';
import { CancelledError } from '../../src/errors/CancelledError';
import type { Executor } from '../../src/executors/Executor';
import { ONE_CALL, SINGLE_ARGUMENTS, type SubmitOptions } from '../../src/executors/WorkItem';
import { Deque } from '../../src/internal/Deque';
import { cancelOrAbort } from '../../src/internal/cancelOrAbort';
import type { Task } from '../../src/tasks/Task';
import type { MapSettings } from './MapOnExecutorOptions';

/** How a map operator emits: in source order (`mapOrdered`) or as tasks complete (`mapUnordered`). */
export interface EmitRule {
  /** The operator's name, for messages. */
  readonly name: string;
  /** `true`: emit in source order; `false`: emit each task's results as soon as it completes. */
  readonly ordered: boolean;
}

/**
 * The engine under `mapOrdered` and `mapUnordered` (as RxJS builds `concatMap` on `mergeMap`'s internals): each source
 * value waits in the operator until fewer than `maxInFlight` of its tasks are outstanding, then is submitted alone or
 * with other waiting values as one chunk. Results come out in source order or in completion order per `rule`.
 *
 * All state lives in the closure of one subscription. The first failure (in emission order) errors the stream;
 * ending for any reason (error, unsubscribe) cancels every outstanding future of this subscription and aborts the
 * running ones, and drops the values still waiting, which never become tasks.
 */
export function mapOnExecutor<T, R>(
  executor: Executor,
  fn: Task<[T], R>,
  settings: MapSettings,
  rule: EmitRule,
): OperatorFunction<T, R> {
  const { maxInFlight, chunksize, timeout } = settings;
  const submitOptions: SubmitOptions | undefined = timeout === undefined ? undefined : { timeout };
  const task = fn as Task<unknown[], unknown>;

  return (source) =>
    new Observable<R>((subscriber) => {
      /** Source values not yet submitted, as taken when they came (a source may change a value after emitting it). */
      const waiting = new Deque<unknown>();
      // Futures submitted and not yet emitted, which count against `maxInFlight`: for mapOrdered in submission order
      // (the emission order), for mapUnordered in a set. One structure each, so a future is stored (and, in the
      // ordered case, never hashed) once.
      const queue = new Deque<Future<unknown>>();
      const unordered = rule.ordered ? undefined : new Set<Future<unknown>>();
      const inFlight = (): number => unordered?.size ?? queue.length;
      let sourceDone = false;
      /** Set once any task failed: no further work starts, as none of it could ever be emitted. */
      let poisoned = false;

      const sink = emitOutcome(subscriber, chunksize);
      const release = (future: Future<unknown>): void => {
        unordered?.delete(future);
        future._deliver(sink);
      };
      const onDone = (future: Future<unknown>): void => {
        if (subscriber.closed) return;
        if (future._hasFailed() || future.cancelled()) poisoned = true;
        if (unordered !== undefined) release(future);
        else while (queue.at(0)?.done() && !subscriber.closed) release(queue.shift() as Future<unknown>);
        pump();
      };
      /** Submits waiting values while there is room, then completes if all is done. Not re-entrant: a task that is
       * done as soon as it is submitted comes back here through `onDone`, and the outer loop carries on instead. */
      let pumping = false;
      const pump = (): void => {
        if (pumping) return;
        pumping = true;
        try {
          while (!poisoned && waiting.length > 0 && inFlight() < maxInFlight && !subscriber.closed) submit();
        } finally {
          pumping = false;
        }
        if (sourceDone && inFlight() === 0 && (waiting.length === 0 || poisoned)) subscriber.complete();
      };
      const submit = (): void => {
        let future: Future<unknown>;
        try {
          future = submitNext(executor, task, waiting, chunksize, submitOptions);
        } catch (error) {
          subscriber.error(error);
          return;
        }
        if (unordered !== undefined) unordered.add(future);
        else queue.push(future);
        if (future.done()) onDone(future);
        else future._listen(() => onDone(future));
      };

      const subscription = source.subscribe({
        next: (value) => {
          if (poisoned) return;
          waiting.push(executor.takeArgument(value));
          pump();
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          sourceDone = true;
          pump();
        },
      });

      return () => {
        subscription.unsubscribe();
        waiting.drain();
        const left = unordered === undefined ? queue.drain() : [...unordered];
        unordered?.clear();
        if (left.length > 0) cancelOrAbort(left, new CancelledError(`${rule.name}() stopped: unsubscribed, or its stream errored`));
      };
    });
}

/** Receives one future's outcome: values go to `subscriber` (a chunk's one by one), an error errors it. */
function emitOutcome<R>(subscriber: Subscriber<R>, chunksize: number): Subscriber<unknown> {
  return {
    next: (value: unknown): void => {
      if (chunksize === 1) subscriber.next(value as R);
      else for (const item of value as R[]) if (!subscriber.closed) subscriber.next(item);
    },
    error: (error: unknown): void => subscriber.error(error),
    complete: (): void => undefined,
  } as Subscriber<unknown>;
}

/** Submits the next waiting value, or up to `chunksize` of them as one chunk task (the values were taken already). */
function submitNext(
  executor: Executor,
  task: Task<unknown[], unknown>,
  waiting: Deque<unknown>,
  chunksize: number,
  options: SubmitOptions | undefined,
): Future<unknown> {
  if (chunksize === 1) return executor.submitChunk(task, [waiting.shift()], options, ONE_CALL, true);
  const values: unknown[] = [];
  while (values.length < chunksize && waiting.length > 0) values.push(waiting.shift());
  return executor.submitChunk(task, values, options, SINGLE_ARGUMENTS, true);
}
