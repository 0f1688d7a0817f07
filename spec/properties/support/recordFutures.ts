import type { Executor, Future } from '../../../src';

/**
 * Records every future the executor hands out from now on (submit, submitWith, map, defer all go through
 * `submitWith`), in submission order, calling `onFuture` for each as it is created.
 */
export function recordFutures(executor: Executor, onFuture: (future: Future<unknown>) => void = () => {}): Future<unknown>[] {
  const futures: Future<unknown>[] = [];
  const submitWith = executor.submitWith.bind(executor);
  executor.submitWith = ((options: never, fn: never, ...args: never[]) => {
    const future = submitWith(options, fn, ...args);
    futures.push(future);
    onFuture(future);
    return future;
  }) as typeof executor.submitWith;
  return futures;
}
