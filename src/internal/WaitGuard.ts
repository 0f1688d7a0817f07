/**
 * Installed on a future by an executor that detects deadlocks. A future calls `beginWait` when someone starts an
 * unbounded wait on it while it is not done; the guard answers with an error to fail that wait at once (the wait can
 * never end), or with a function to call once the wait is over. Generic in the future's type (`WaitGuard<Future<unknown>>`)
 * so that this file, below `Future`, needs no import of it.
 */
export interface WaitGuard<F> {
  beginWait(future: F): Error | (() => void) | undefined;
}
