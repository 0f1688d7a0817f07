import { callArguments, ONE_CALL, type WorkItem } from '../executors/WorkItem';
import { loadModuleTask } from './loadModuleTask';
import { isModuleTask, type AnyFunction } from './moduleTask';
import type { Task } from './Task';

/**
 * Runs a work item in this process: one call, or for a chunk item every call in order, resolving to their results.
 * Shared by the executors that run tasks in the current event loop (AsyncExecutor, the testing SchedulerExecutor).
 */
export function invokeItem(item: WorkItem): unknown {
  if (item.chunk === ONE_CALL) return callTask(item.fn, item.args);
  return (async () => {
    const results: unknown[] = [];
    for (const args of callArguments(item)) results.push(await callTask(item.fn, args));
    return results;
  })();
}

/** Calls a task (a function, or a module task loaded once per process) with its arguments. */
export function callTask(fn: Task<unknown[], unknown>, args: unknown[]): unknown {
  if (isModuleTask(fn)) return loadModuleTask(fn).then((loaded: AnyFunction) => loaded(...args));
  return fn(...args);
}
