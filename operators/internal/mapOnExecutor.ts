import { Observable, type OperatorFunction, type Subscriber } from 'rxjs';
import type { Future } from '../../src/Future';
import { CancelledError } from '../../src/errors/CancelledError';
import type { Executor } from '../../src/executors/Executor';
import type { SubmitOptions } from '../../src/executors/WorkItem';
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
      /** Source values not yet submitted. */
      const waiting = new Deque<T>();
      /** Futures submitted and not yet emitted: they count against `maxInFlight`. */
      const outstanding = new Set<Future<unknown>>();
      /** `mapOrdered` only: the outstanding futures in submission order, which is the emission order. */
      const queue = rule.ordered ? new Deque<Future<unknown>>() : undefined;
      let sourceDone = false;
      /** Set once any task failed: no further work starts, as none of it could ever be emitted. */
      let poisoned = false;

      /** Receives one future's outcome: values are emitted (a chunk's one by one), an error errors the stream. */
      const sink = {
        next: (value: unknown): void => {
          if (chunksize === 1) subscriber.next(value as R);
          else for (const item of value as R[]) if (!subscriber.closed) subscriber.next(item);
        },
        error: (error: unknown): void => subscriber.error(error),
        complete: (): void => undefined,
      } as Subscriber<unknown>;

      const release = (future: Future<unknown>): void => {
        outstanding.delete(future);
        future._deliver(sink);
      };
      const onDone = (future: Future<unknown>): void => {
        if (subscriber.closed) return;
        if (future._hasFailed() || future.cancelled()) poisoned = true;
        if (queue === undefined) release(future);
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
          while (!poisoned && waiting.length > 0 && outstanding.size < maxInFlight && !subscriber.closed) submit();
        } finally {
          pumping = false;
        }
        if (sourceDone && outstanding.size === 0 && (waiting.length === 0 || poisoned)) subscriber.complete();
      };
      const submit = (): void => {
        let future: Future<unknown>;
        try {
          if (chunksize === 1) {
            future = executor.submitWith(submitOptions, task, waiting.shift());
          } else {
            const chunk: unknown[][] = [];
            while (chunk.length < chunksize && waiting.length > 0) chunk.push([waiting.shift()]);
            future = executor.submitChunk(task, chunk, submitOptions);
          }
        } catch (error) {
          subscriber.error(error);
          return;
        }
        outstanding.add(future);
        queue?.push(future);
        if (future.done()) onDone(future);
        else future._listen(() => onDone(future));
      };

      const subscription = source.subscribe({
        next: (value) => {
          if (poisoned) return;
          waiting.push(value);
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
        if (outstanding.size > 0) {
          cancelOrAbort(outstanding, new CancelledError(`${rule.name}() stopped: unsubscribed, or its stream errored`));
          outstanding.clear();
        }
        queue?.drain();
      };
    });
}
