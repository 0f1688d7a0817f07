import type { Future } from '../Future';
import { TimeoutError } from '../errors/TimeoutError';

/**
 * Watches futures for `asCompleted` (the module function and the operator) and `waitFirst`: calls `onDone(future)`
 * once per watched future when it is done (at once if it already is), with one removable listener per future, so
 * watching n futures costs O(n) and `dispose()` leaves nothing attached.
 *
 * Callers watch each future once (they deduplicate), then `seal()` the watch when no more futures will come;
 * `onAllDone` runs once the watch is sealed and every watched future is done.
 */
export class CompletionWatch<F extends Future<unknown>> {
  /** Futures watched so far. */
  total = 0;
  private readonly listeners = new Map<F, () => void>();
  private sealed = false;

  constructor(
    private readonly onDone: (future: F) => void,
    private readonly onAllDone: () => void,
  ) {}

  /** Futures watched and not yet done. */
  get unfinished(): number {
    return this.listeners.size;
  }

  /** The watched futures not yet done. */
  pending(): IterableIterator<F> {
    return this.listeners.keys();
  }

  watch(future: F): void {
    this.total++;
    if (future.done()) {
      this.onDone(future);
      return;
    }
    const listener = () => {
      this.listeners.delete(future);
      this.onDone(future);
      if (this.sealed && this.listeners.size === 0) this.onAllDone();
    };
    this.listeners.set(future, listener);
    future._listen(listener);
  }

  /** No more futures will be watched: `onAllDone` runs now if every watched future is done, else when they are. */
  seal(): void {
    this.sealed = true;
    if (this.listeners.size === 0) this.onAllDone();
  }

  /** The error of a timed-out wait, e.g. `"6 (of 10) futures unfinished"`, saying so if more futures may come. */
  timeoutError(): TimeoutError {
    const more = this.sealed ? '' : ', and the source of futures has not completed';
    return new TimeoutError(`${this.unfinished} (of ${this.total}) futures unfinished${more}`);
  }

  dispose(): void {
    for (const [future, listener] of this.listeners) future._unlisten(listener);
    this.listeners.clear();
  }
}
