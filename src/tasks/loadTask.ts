import { describe } from '../internal/validate';
import { compileInlineTask } from './compileInlineTask';
import { loadModuleTask } from './loadModuleTask';
import type { AnyFunction } from './moduleTask';
import type { TaskDefinition } from './TaskRegistry';

/**
 * Turns a {@link taskDefinition} back into the task function, where the task is to run: an inline function is
 * compiled from its source (it sees `require`, resolving from the working directory), a module task is imported
 * (once per process; a failed import is retried next time). Compiling costs time: keep the function for the next
 * task with the same definition.
 *
 * @returns the function, or for a module task a promise of it.
 * @throws TypeError if `definition` is not a task definition; SyntaxError if an inline source does not compile.
 * @example
 * ```ts
 * const fn = await loadTask(['inline', '(n) => n * 2']);
 * fn(21); // 42
 * ```
 */
export function loadTask(definition: TaskDefinition): AnyFunction | Promise<AnyFunction> {
  const [kind, where, exportName] = Array.isArray(definition) ? definition : [];
  if (kind === 'inline' && typeof where === 'string') return compileInlineTask(where);
  if (kind === 'module' && typeof where === 'string' && typeof exportName === 'string') {
    return loadModuleTask({ kind: 'module', url: where, exportName });
  }
  throw new TypeError(`loadTask() expects a task definition made by taskDefinition(); received ${describe(definition)}`);
}
