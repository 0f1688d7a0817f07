import { currentTaskContext } from './internal/taskContext';

/**
 * The name of the worker running the current task, in Python's style `<prefix>-<executor number>_<worker number>`
 * (for example `ThreadPoolExecutor-0_1`, or `MyPrefix_1` with `threadNamePrefix: 'MyPrefix'`), or `'MainThread'`
 * outside any task, like Python's `threading.current_thread().name`.
 *
 * @example
 * ```ts
 * await executor.submit(() => console.log('running in', currentWorkerName()));
 * ```
 */
export function currentWorkerName(): string {
  return currentTaskContext()?.workerName ?? 'MainThread';
}
