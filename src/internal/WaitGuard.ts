import type { Future } from '../Future';

/**
 * Installed on a future by an executor that detects deadlocks. A future calls `beginWait` when someone starts an
 * unbounded wait on it while it is not done; the guard answers with an error to fail that wait at once (the wait can
 * never end), or with a function to call once the wait is over.
 */
export interface WaitGuard {
  beginWait(future: Future<unknown>): Error | (() => void) | undefined;
}
