import { currentTaskContext } from './internal/taskContext';

const neverAborted = new AbortController().signal;

/**
 * The `AbortSignal` of the running task: it aborts when the task is aborted (by `submitWith({ signal })`, a per-task
 * `timeout`, `shutdown({ timeout })` or an operator that unsubscribes), so a cooperative task can stop and clean up.
 * Outside a task it returns a signal that never aborts.
 *
 * @example
 * ```ts
 * const future = executor.submitWith({ timeout: 100 }, async () => {
 *   const signal = taskSignal();
 *   while (!signal.aborted) await step();
 * });
 * ```
 */
export function taskSignal(): AbortSignal {
  return currentTaskContext()?.signal ?? neverAborted;
}
