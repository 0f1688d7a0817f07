import { Observable, type OperatorFunction } from 'rxjs';
import type { Future } from '../../src/Future';
import { CancelledError } from '../../src/errors/CancelledError';
import type { Executor } from '../../src/executors/Executor';
import type { SubmitOptions } from '../../src/executors/ExecutorOptions';
import { ONE_CALL, SINGLE_ARGUMENTS } from '../../src/tasks/callShapes';
import { Deque } from '../../src/internal/Deque';
import { cancelOrAbort } from '../../src/internal/cancelOrAbort';
import { MapEngine } from '../../src/internal/MapEngine';
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
 * The operator side of `mapOrdered` and `mapUnordered` (as RxJS builds `concatMap` on `mergeMap`'s internals): each
 * source value waits in the operator until fewer than `maxInFlight` of its tasks are outstanding, then is submitted
 * alone or with other waiting values as one chunk. Results come out through the same {@link MapEngine} as
 * `Executor.map`'s, in source order or in completion order per `rule`.
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
  const { maxInFlight, chunksize, timeout, priority } = settings;
  const submitOptions: SubmitOptions | undefined =
    timeout === undefined && priority === undefined ? undefined : { timeout, priority };
  const task = fn as Task<unknown[], unknown>;

  return (source) =>
    new Observable<R>((subscriber) => {
      /** Source values not yet submitted, as taken when they came (a source may change a value after emitting it). */
      const waiting = new Deque<unknown>();
      let sourceDone = false;
      // Futures submitted and not yet emitted count against `maxInFlight`; once any fails (`results.failed`), no
      // further work starts, as none of it could ever be emitted.
      const results = new MapEngine<R>({ ordered: rule.ordered, chunked: chunksize > 1, onSettled: () => pump() });

      /** Submits waiting values while there is room, then seals the results once no more can come. Not re-entrant:
       * a task that is done as soon as it is submitted comes back here through `onSettled`, and the outer loop
       * carries on instead. */
      let pumping = false;
      const pump = (): void => {
        if (pumping) return;
        pumping = true;
        try {
          while (!results.failed && waiting.length > 0 && results.size < maxInFlight && !subscriber.closed) submit();
        } finally {
          pumping = false;
        }
        if (sourceDone && (waiting.length === 0 || results.failed)) results.seal();
      };
      const submit = (): void => {
        let future: Future<unknown>;
        try {
          future = submitNext(executor, task, waiting, chunksize, submitOptions);
        } catch (error) {
          subscriber.error(error);
          return;
        }
        results.add(future);
      };

      results.open(subscriber);
      const subscription = source.subscribe({
        next: (value) => {
          if (results.failed) return;
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
        const left = results.close();
        if (left.length > 0) cancelOrAbort(left, new CancelledError(`${rule.name}() stopped: unsubscribed, or its stream errored`));
      };
    });
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
