/** The callbacks waiting on one signal, and the one listener that runs them. */
interface Watchers {
  readonly callbacks: Set<() => void>;
  readonly fire: () => void;
}

const watched = new WeakMap<AbortSignal, Watchers>();

/**
 * Calls `callback` once when `signal` aborts; the returned function stops watching. However many tasks share one
 * signal (one AbortController for a whole batch is the usual way), the signal gets a single listener, and watching or
 * unwatching costs O(1): a listener per task would make each removal walk the signal's whole list (quadratic in the
 * batch) and trip Node's MaxListenersExceededWarning past ten tasks. Callbacks run in the order they were added.
 *
 * @example
 * ```ts
 * const unwatch = watchAbort(signal, () => abortItem(item, signal.reason));
 * item.future._listen(unwatch); // once the task is over
 * ```
 */
export function watchAbort(signal: AbortSignal, callback: () => void): () => void {
  let watchers = watched.get(signal);
  if (watchers === undefined) {
    const callbacks = new Set<() => void>();
    const fire = () => {
      watched.delete(signal);
      for (const run of callbacks) run();
      callbacks.clear();
    };
    watchers = { callbacks, fire };
    watched.set(signal, watchers);
    signal.addEventListener('abort', fire, { once: true });
  }
  const { callbacks, fire } = watchers;
  // A distinct function per watch, so one callback watched twice is two watches.
  const watch = () => callback();
  callbacks.add(watch);
  return () => {
    if (!callbacks.delete(watch) || callbacks.size > 0) return;
    signal.removeEventListener('abort', fire);
    if (watched.get(signal) === watchers) watched.delete(signal);
  };
}
