import { inlineSource } from './inlineSource';
import { isModuleTask, type AnyFunction } from './moduleTask';
import type { Task } from './Task';

/** How a worker builds a task function: from inline source, or by importing a module's export. */
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
  private readonly byObject = new WeakMap<object, number>();
  private readonly byKey = new Map<string, number>();
  private readonly definitions: TaskDefinition[] = [];

  /**
   * The id of `task`, registering it on first sight.
   * @throws TypeError if an inline function's source is not available (see `inlineSource`).
   */
  idOf(task: Task<never[], unknown>): number {
    let id = this.byObject.get(task);
    if (id !== undefined) return id;
    let definition: TaskDefinition;
    if (isModuleTask(task)) definition = ['module', task.url, task.exportName];
    else definition = ['inline', inlineSource(task as AnyFunction)];
    const key = definition.join('\0');
    id = this.byKey.get(key);
    if (id === undefined) {
      id = this.definitions.push(definition) - 1;
      this.byKey.set(key, id);
    }
    this.byObject.set(task, id);
    return id;
  }

  /** The definition registered under `id`. */
  definition(id: number): TaskDefinition {
    return this.definitions[id];
  }
}
