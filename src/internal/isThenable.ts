/**
 * Whether a task's outcome is a promise or any other thenable, which the executors await instead of using as the
 * value.
 *
 * @example
 * ```ts
 * if (isThenable(outcome)) outcome.then(onValue, onError);
 * ```
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  );
}
