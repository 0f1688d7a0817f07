import { describe } from '../internal/validate';
import { compileInlineTask } from './compileInlineTask';
import { loadModuleTask } from './loadModuleTask';
import type { InlineDetails } from './InlineDetails';
import type { AnyFunction } from './moduleTask';
import type { TaskDefinition } from './TaskRegistry';

/**
 * Turns a {@link taskDefinition} back into the task function, where the task is to run: an inline function is
 * compiled from its source as if written in the file that submitted it (its `require()` and `import()` resolve from
 * there, its stack frames name it, the compiler helpers it uses are in scope), a module task is imported (once per
 * process; a failed import is retried next time). Compiling costs time: keep the function for the next task with
 * the same definition.
 *
 * @returns the function, or for a module task a promise of it.
 * @throws TypeError if `definition` is not a task definition; SyntaxError if an inline source does not compile.
 * @example
 * ```ts
 * const fn = await loadTask(taskDefinition((n: number) => n * 2)); // on the other side of a message boundary
 * fn(21); // 42
 * ```
 */
export function loadTask(definition: TaskDefinition): AnyFunction | Promise<AnyFunction> {
  const [kind, where, third] = Array.isArray(definition) ? definition : [];
  if (kind === 'inline' && typeof where === 'string' && typeof (third as InlineDetails | undefined)?.file === 'string') {
    return compileInlineTask(where, third as InlineDetails);
  }
  const exportName = third;
  if (kind === 'module' && typeof where === 'string' && typeof exportName === 'string') {
    return loadModuleTask({ kind: 'module', url: where, exportName });
  }
  throw new TypeError(`loadTask() expects a task definition made by taskDefinition(); received ${describe(definition)}`);
}
