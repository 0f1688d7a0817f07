import { TaskRegistry, type TaskDefinition } from './TaskRegistry';
import type { Task } from './Task';

/** Definitions made so far, by source text or module export: the same task gives the same definition, made once. */
const definitions = new TaskRegistry();

/**
 * A task as plain data that can cross any message boundary (structured clone, JSON): `['inline', source, details]`
 * for an inline function (`details`: the file it was handed over from, found on the call stack now, and what
 * compiling it there needs), `['module', url, exportName]` for a `moduleTask()`. On the other side, {@link loadTask}
 * turns it back into a function. An inline function travels as its source, so it must be self-contained, as for a
 * `ThreadPoolExecutor`: what it uses comes in as arguments or is `require()`d inside it.
 *
 * @throws TypeError for a function whose source is not available (a built-in or bound function) or a class.
 * @example
 * ```ts
 * port.postMessage({ task: taskDefinition(item.fn), chunk: item.chunk, args: item.args });
 * // in the worker: runCalls(await loadTask(message.task), message.chunk, message.args)
 * ```
 */
export function taskDefinition(task: Task<never[], unknown>): TaskDefinition {
  return definitions.definition(definitions.idOf(task));
}
