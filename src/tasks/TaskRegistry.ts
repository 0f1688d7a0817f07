import { inlineSource } from './inlineSource';
import { isModuleTask, type AnyFunction } from './moduleTask';
import type { Task } from './Task';

/**
 * A task as plain data, which is how it crosses to a worker: `['inline', source]` (compiled there) or
 * `['module', url, exportName]` (imported there). Made by `taskDefinition()`, turned back into a function by
 * `loadTask()`.
 *
 * @example
 * ```ts
 * const definition: TaskDefinition = ['module', 'file:///srv/app/tasks.js', 'resize'];
 * ```
 */
export type TaskDefinition = readonly ['inline', string] | readonly ['module', string, string];

/**
 * Numbers every distinct task function so its definition crosses to each worker once: a pool sends
 * `[id, definition]` the first time a worker needs `id`, and only `id` afterwards. The same source text (a closure
 * re-created in a loop) or the same module export gets the same id.
 *
 * @example
 * ```ts
 * const id = registry.idOf((n: number) => n * 2); // the same id for every later call with this source
 * worker.send([id, registry.definition(id)]);
 * ```
 */
export class TaskRegistry {
  /** Definitions by their text (the inline source, or the module URL and export), so equal ones share an id. */
  private readonly byKey = new Map<string, number>();
  private readonly definitions: TaskDefinition[] = [];
  /** The last task seen and its id: a loop submitting one function pays one comparison. */
  private lastTask: unknown = undefined;
  private lastId = -1;

  /**
   * The id of `task`, registering it on first sight. A closure created afresh for each call (`pool.submit((x) => x * 2,
   * i)` in a loop) costs one `toString` and one map lookup; no per-function entry is kept, so nothing grows with calls.
   * @throws TypeError if an inline function's source is not available (see `inlineSource`).
   */
  idOf(task: Task<never[], unknown>): number {
    if (task === this.lastTask) return this.lastId;
    let key: string;
    if (isModuleTask(task)) key = `module\0${task.url}\0${task.exportName}`;
    else key = Function.prototype.toString.call(task);
    let id = this.byKey.get(key);
    if (id === undefined) {
      const definition: TaskDefinition = isModuleTask(task)
        ? ['module', task.url, task.exportName]
        : ['inline', inlineSource(task as AnyFunction)];
      id = this.definitions.push(definition) - 1;
      this.byKey.set(key, id);
    }
    this.lastTask = task;
    this.lastId = id;
    return id;
  }

  /** The definition registered under `id`. */
  definition(id: number): TaskDefinition {
    return this.definitions[id];
  }
}
