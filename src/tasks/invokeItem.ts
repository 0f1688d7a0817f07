import type { ChunkShape } from './callShapes';
import { loadModuleTask } from './loadModuleTask';
import { isModuleTask } from './moduleTask';
import { runCalls } from './runCalls';
import type { Task } from './Task';

/**
 * Runs a work item (`WorkItem`, or anything holding a task, a call shape and arguments) in this process: its task (a function, or a module task imported once per process) over its
 * calls, as {@link runCalls} does. What an executor that runs tasks in the current event loop calls for each item
 * (AsyncExecutor, the testing SchedulerExecutor).
 *
 * @returns the outcome: a value, or a promise of it (always a promise for a module task).
 * @throws whatever the task throws synchronously.
 * @example
 * ```ts
 * protected enqueue(item: WorkItem): void {
 *   if (!this.startItem(item)) return;
 *   Promise.resolve()
 *     .then(() => invokeItem(item))
 *     .then((value) => this.finishItem(item, false, value), (error) => this.finishItem(item, true, error));
 * }
 * ```
 */
export function invokeItem(item: { readonly fn: Task<unknown[], unknown>; readonly chunk: ChunkShape; readonly args: unknown[] }): unknown {
  const fn = item.fn;
  if (isModuleTask(fn)) return loadModuleTask(fn).then((loaded) => runCalls(loaded, item.chunk, item.args));
  return runCalls(fn, item.chunk, item.args);
}

/** Calls a task (a function, or a module task loaded once per process) with its arguments. */
export function callTask(fn: Task<unknown[], unknown>, args: unknown[]): unknown {
  if (isModuleTask(fn)) return loadModuleTask(fn).then((loaded) => loaded(...args));
  return fn(...args);
}
