import type { Future } from '../Future';

/**
 * Stops the work behind futures an operator created: cancels those still queued, then aborts those running (the
 * executor fails them with `reason` and stops the tasks as far as it can). Done futures are left alone.
 *
 * Cancelling comes first on purpose: aborting a running task frees its worker, and the executor would hand that
 * worker the next queued future at once if it were still pending.
 */
export function cancelOrAbort(futures: Iterable<Future<unknown>>, reason: unknown): void {
  const running: Future<unknown>[] = [];
  for (const future of futures) if (!future.cancel()) running.push(future);
  for (const future of running) future._abort(reason);
}
