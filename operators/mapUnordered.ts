import type { OperatorFunction } from 'rxjs';
import type { Executor } from '../src/executors/Executor';
import type { Task } from '../src/tasks/Task';
import { checkMapArguments, type MapOnExecutorOptions } from './internal/MapOnExecutorOptions';
import { mapOnExecutor } from './internal/mapOnExecutor';

/**
 * Runs `fn(value)` on `executor` for each source value and emits each result as soon as its task completes
 * (completion order): the pipeable form of submitting everything and reading it with `asCompleted`.
 *
 * It is {@link mapOrdered} with another emission rule, and takes the same options: at most `maxInFlight` tasks
 * outstanding (default twice `executor.maxWorkers`), the rest of the source waiting in the operator; `chunksize`
 * values per task (a chunk's results come out together, in their order); `timeout` per task. Here a task stops
 * counting against `maxInFlight` the moment it completes, so a slow task never holds the others back.
 *
 * A hot source faster than the executor piles its values up in the operator (see {@link mapOrdered}).
 *
 * The first task to fail, in completion order, errors the stream with its error; then every outstanding future of
 * this subscription is cancelled and running tasks are aborted, as on unsubscribe.
 *
 * @example
 * ```ts
 * import { from } from 'rxjs';
 * import { AsyncExecutor } from 'rxfutures';
 * import { mapUnordered } from 'rxfutures/operators';
 *
 * const executor = new AsyncExecutor({ maxWorkers: 4 });
 * const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
 * from([30, 10, 20])
 *   .pipe(mapUnordered(executor, async (ms: number) => (await sleep(ms), ms)))
 *   .subscribe(console.log); // 10, 20, 30
 * ```
 *
 * @param executor - where the tasks run: any {@link Executor}.
 * @param fn - the task, called with one source value.
 * @param options - `maxInFlight`, `chunksize`, `timeout`, `priority`: see {@link MapOnExecutorOptions}.
 * @returns an operator emitting `fn(value)` for each source value, in completion order.
 * @throws as {@link mapOrdered}.
 * @see {@link mapOrdered} to keep source order.
 * @see {@link https://rxjs.dev/api/operators/mergeMap | RxJS mergeMap}, the in-process analogue.
 */
export function mapUnordered<T, R>(
  executor: Executor,
  fn: Task<[T], R>,
  options?: MapOnExecutorOptions,
): OperatorFunction<T, Awaited<R>> {
  const settings = checkMapArguments('mapUnordered', executor, fn, options);
  return mapOnExecutor<T, Awaited<R>>(executor, fn as Task<[T], Awaited<R>>, settings, {
    name: 'mapUnordered',
    ordered: false,
  });
}
