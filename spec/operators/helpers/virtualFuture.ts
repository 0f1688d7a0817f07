import { timer } from 'rxjs';
import { Future } from '../../../src/Future';

/**
 * A running future settled by the (virtual) clock: `value` after `ms`, or `error` if given. Call inside
 * `TestScheduler.run` so `ms` is virtual. `completions` receives the future when it settles, before any other
 * listener runs, so it records the true completion order.
 */
export function virtualFuture<T>(ms: number, value: T, completions?: Future<unknown>[], error?: unknown): Future<T> {
  const future = new Future<T>();
  future.setRunningOrNotifyCancel();
  if (completions !== undefined) future._listen(() => completions.push(future as Future<unknown>));
  timer(ms).subscribe(() => (error === undefined ? future.setResult(value) : future.setException(error)));
  return future;
}
