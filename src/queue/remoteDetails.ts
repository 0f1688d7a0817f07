import { fileURLToPath } from 'node:url';
import { findHelpers, type InlineDetails } from './executorSurface';

/**
 * How a queue worker compiles an inline task that came from another machine: as if written in the worker's own tasks
 * module (`require()`/`import()` inside it resolve from there, since the submitter's file is not on this machine),
 * with the compiler helpers its source uses in scope (the submitter's compiler may have added `__awaiter`, `__name`...).
 *
 * @example
 * ```ts
 * compileInlineTask(source, remoteDetails(source, 'file:///srv/worker/tasks.js'));
 * ```
 */
export function remoteDetails(source: string, tasksModuleUrl: string): InlineDetails {
  const file = tasksModuleUrl.startsWith('file:') ? fileURLToPath(tasksModuleUrl) : tasksModuleUrl;
  return { file, line: 1, column: 1, name: '', helpers: findHelpers(source, undefined) };
}
