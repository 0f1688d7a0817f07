import { describe, isModuleTask, type AnyFunction, type ModuleTask } from './executorSurface';

/** The URL that marks a module task as a task of the queue's workers, called by name. */
export const NAMED_TASK_URL = 'rxfutures-queue:named-task';

/**
 * A task the queue's workers export from their tasks module, called by its export name (the BullMQ job's name).
 * Give the export's type so `submit` and `map` check the arguments and infer the result; the function itself is
 * never loaded here. Only a {@link QueueExecutor} can run it (a local pool fails it: it has no such module).
 *
 * @example
 * ```ts
 * import type * as tasks from './tasks.js';
 * const hash = namedTask<typeof tasks.hash>('hash');
 * const digest = await ex.submit(hash, 'text'); // Future<string>
 * ```
 * @throws TypeError if `name` is not a non-empty string.
 */
export function namedTask<F extends AnyFunction = AnyFunction>(name: string): ModuleTask<F> {
  if (typeof name !== 'string' || name === '') {
    throw new TypeError(`namedTask() needs the export's name, a non-empty string; received ${describe(name)}`);
  }
  return Object.freeze({ kind: 'module' as const, url: NAMED_TASK_URL, exportName: name });
}

/** The export name of a task made by {@link namedTask}, or `undefined` for any other task. */
export function namedTaskName(task: unknown): string | undefined {
  return isModuleTask(task) && task.url === NAMED_TASK_URL ? task.exportName : undefined;
}
