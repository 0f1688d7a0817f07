import { currentTaskContext } from './internal/taskContext';

/**
 * Reports how far the running task has got: the value reaches its future's {@link Future.progress} Observable in the
 * submitting process. Any value the executor can send works (a number from 0 to 1 is the custom); on the worker
 * pools values are throttled: at most one message per task every few milliseconds carries the latest value, and the
 * last value reported is sent before the task's result, so a task may call it a million times. On the in-process
 * executors each value reaches the subscribers at once. Outside a task (or on an executor that cannot carry progress,
 * such as ThreadsJsExecutor) it does nothing, so a task stays callable as a plain function.
 *
 * @example
 * ```ts
 * const future = executor.submit((items: string[]) => {
 *   items.forEach((item, i) => {
 *     crunch(item);
 *     reportProgress((i + 1) / items.length);
 *   });
 * }, items);
 * future.progress.subscribe((done) => bar.update(done as number));
 * ```
 * @throws {@link SerializationError} on a worker pool, if a value reported earlier in this task could not be sent
 * (or this one, when it is sent at once).
 */
export function reportProgress(value: unknown): void {
  currentTaskContext()?.reportProgress?.(value);
}
