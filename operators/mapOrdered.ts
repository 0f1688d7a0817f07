import type { OperatorFunction } from 'rxjs';
import type { TimeoutError } from '../src/errors/TimeoutError'; // for {@link} in the doc comment
import type { Executor } from '../src/executors/Executor';
import type { moduleTask } from '../src/tasks/moduleTask'; // for {@link} in the doc comment
import type { Task } from '../src/tasks/Task';
import { checkMapArguments, type MapOnExecutorOptions } from './internal/MapOnExecutorOptions';
import { mapOnExecutor } from './internal/mapOnExecutor';

/**
 * Runs `fn(value)` on `executor` for each source value and emits the results in source order: Python's
 * `executor.map` as a pipeable operator.
 *
 * At most `maxInFlight` tasks are outstanding (submitted and not yet emitted; default twice `executor.maxWorkers`);
 * further source values wait inside the operator and become tasks as places free up. A task that finishes early
 * keeps its place until every earlier result has been emitted, so memory stays bounded by `maxInFlight` results.
 * `fn` may be a plain function or a {@link moduleTask} (needed on process pools); with `chunksize` several waiting
 * values travel to a worker in one message and their results still come out in order.
 *
 * RxJS has no backpressure: a hot source that emits faster than the executor works piles its values up in the
 * operator's waiting queue (they are values, not tasks: nothing is submitted, and unsubscribing drops them). To
 * bound that queue, slow the source itself (`bufferCount` + `concatMap`, `throttle`, or a pull-based source).
 *
 * The first task that fails, in output order, errors the stream with that task's error (a `timeout` fails it with
 * {@link TimeoutError}); no new task starts once any task has failed. When the stream errors, or the subscriber
 * unsubscribes, every outstanding future of this subscription is cancelled and running tasks are aborted (their
 * `taskSignal()` fires; worker pools replace the worker). Nothing is left pending.
 *
 * @example
 * ```ts
 * import { from } from 'rxjs';
 * import { AsyncExecutor } from 'rxfutures';
 * import { mapOrdered } from 'rxfutures/operators';
 *
 * const executor = new AsyncExecutor({ maxWorkers: 4 });
 * const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
 * from([30, 10, 20])
 *   .pipe(mapOrdered(executor, async (ms: number) => (await sleep(ms), ms * 2)))
 *   .subscribe(console.log); // 60, 20, 40: source order, though 10 finished first
 * ```
 *
 * @param executor - where the tasks run: any {@link Executor}.
 * @param fn - the task, called with one source value.
 * @param options - `maxInFlight`, `chunksize`, `timeout`, `priority`: see {@link MapOnExecutorOptions}.
 * @returns an operator emitting `fn(value)` for each source value, in source order.
 * @throws TypeError if `executor` is not an Executor or `fn` not a task; TypeError/RangeError for bad options (at
 * the call, not at subscription). The stream errors with `ExecutorShutdownError` if the executor shuts down while
 * values still wait.
 * @see {@link mapUnordered} to emit results as soon as each is ready.
 * @see {@link https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.Executor.map | Python's Executor.map}
 * @see {@link https://rxjs.dev/api/operators/concatMap | RxJS concatMap}, the in-process analogue.
 */
export function mapOrdered<T, R>(
  executor: Executor,
  fn: Task<[T], R>,
  options?: MapOnExecutorOptions,
): OperatorFunction<T, Awaited<R>> {
  const settings = checkMapArguments('mapOrdered', executor, fn, options);
  return mapOnExecutor<T, Awaited<R>>(executor, fn as Task<[T], Awaited<R>>, settings, { name: 'mapOrdered', ordered: true });
}
