import { findHelpers } from './findHelpers';
import type { InlineDetails } from './InlineDetails';
import { inlineSource } from './inlineSource';
import { isModuleTask, type AnyFunction } from './moduleTask';
import { readSource } from './readSource';
import type { Task } from './Task';
import { callerOrigin, type TaskOrigin } from './callerOrigin';

/**
 * A task as plain data, which is how it crosses to a worker: `['inline', source, details]` (compiled there as if
 * written in the file that submitted it, see {@link InlineDetails}) or `['module', url, exportName]` (imported there).
 * Made by `taskDefinition()`, turned back into a function by `loadTask()`.
 *
 * @example
 * ```ts
 * const definition: TaskDefinition = ['module', 'file:///srv/app/tasks.js', 'resize'];
 * ```
 */
export type TaskDefinition = readonly ['inline', string, InlineDetails] | readonly ['module', string, string];

/**
 * `require(`/`import(` calls whose specifier is not a string naming a Node built-in: the task's meaning depends on the
 * file it was written in, so equal sources from different files are different tasks.
 */
const SPECIFIER = /(?<![\w$.])(?:require(?:\.resolve)?|__require|import|__vite_ssr_dynamic_import__)\s*\(\s*(?:(['"])(.*?)\1\s*\))?/g;

function dependsOnFile(source: string): boolean {
  for (const match of source.matchAll(SPECIFIER)) {
    const specifier = match[2];
    if (specifier === undefined || !(specifier.startsWith('node:') || builtins().has(specifier))) return true;
  }
  return false;
}

let builtinNames: Set<string> | undefined;
function builtins(): Set<string> {
  return (builtinNames ??= new Set((require('node:module') as { builtinModules: string[] }).builtinModules));
}

/**
 * Numbers every distinct task function so its definition crosses to each worker once: a pool sends
 * `[id, definition]` the first time a worker needs `id`, and only `id` afterwards.
 *
 * An inline task is compiled in the worker as if written in the file that submitted it (see `InlineDetails`). That
 * file is read from the call stack when the executor first takes the function (`note`, on the submit path, before
 * any queueing): once per distinct source, since a stack costs microseconds. Equal sources share an id (a closure
 * re-created in a loop costs one `toString` and one map lookup), except sources that `require()`/`import()` a
 * non-built-in module: those resolve differently per file, so each function object is located once and the id
 * includes its file. A module task is keyed by its URL and export.
 *
 * @example
 * ```ts
 * registry.note(task); // on the submit path
 * const id = registry.idOf(task); // later, when sending
 * worker.send([id, registry.definition(id)]);
 * ```
 */
export class TaskRegistry {
  /** Definitions by key (source, or file and source, or module URL and export), so equal ones share an id. */
  private readonly byKey = new Map<string, number>();
  private readonly definitions: TaskDefinition[] = [];
  /** Ids of functions located one by one (sources that depend on their file). */
  private readonly located = new WeakMap<object, number>();
  /** Sources that depend on their file: the id of the first function seen with it (for a function never noted). */
  private readonly fileBound = new Map<string, number>();
  /** The last task seen and its id: a loop submitting one function pays one comparison. */
  private lastTask: unknown = undefined;
  private lastId = -1;
  private lastNoted: unknown = undefined;

  /**
   * Registers an inline task on the submit path, where the stack still shows the caller: one comparison for the
   * function submitted last, a `toString` and a lookup for a new closure of a known source, a stack capture for a
   * new source.
   */
  note(task: Task<never[], unknown>): void {
    if (task === this.lastNoted || typeof task !== 'function') return;
    this.lastNoted = task;
    if (this.located.has(task)) return;
    const text = Function.prototype.toString.call(task);
    if (this.byKey.has(text)) return;
    try {
      if (!this.fileBound.has(text) && !dependsOnFile(text)) {
        this.byKey.set(text, this.register(task, text, callerOrigin()));
        return;
      }
      const origin = callerOrigin();
      const key = `${origin.file}\0${text}`;
      let id = this.byKey.get(key);
      if (id === undefined) {
        id = this.register(task, text, origin);
        this.byKey.set(key, id);
        if (!this.fileBound.has(text)) this.fileBound.set(text, id);
      }
      this.located.set(task, id);
    } catch {
      // A function whose source cannot be sent: `idOf` throws when it is sent, which fails only its future.
    }
  }

  /**
   * The id of `task`, registering it on first sight (a function not noted on the submit path is taken to come from
   * the entry script's folder).
   * @throws TypeError if an inline function's source is not available (see `inlineSource`).
   */
  idOf(task: Task<never[], unknown>): number {
    if (task === this.lastTask) return this.lastId;
    let id: number | undefined;
    if (isModuleTask(task)) {
      const key = `module\0${task.url}\0${task.exportName}`;
      id = this.byKey.get(key);
      if (id === undefined) {
        id = this.definitions.push(['module', task.url, task.exportName]) - 1;
        this.byKey.set(key, id);
      }
    } else {
      id = this.located.get(task);
      if (id === undefined) {
        const text = Function.prototype.toString.call(task);
        id = this.byKey.get(text) ?? this.fileBound.get(text);
        if (id === undefined) {
          id = this.register(task, text, callerOrigin());
          this.byKey.set(text, id);
        }
      }
    }
    this.lastTask = task;
    this.lastId = id;
    return id;
  }

  /** The definition registered under `id`. */
  definition(id: number): TaskDefinition {
    return this.definitions[id];
  }

  private register(task: Task<never[], unknown>, text: string, origin: TaskOrigin): number {
    const source = inlineSource(task as AnyFunction);
    const callerText = readSource(origin.file);
    const at = callerText?.indexOf(text) ?? -1;
    let { line, column } = origin;
    if (at >= 0) {
      const before = callerText!.slice(0, at);
      line = before.split('\n').length;
      column = at - before.lastIndexOf('\n');
    }
    const details: InlineDetails = { file: origin.file, line, column, name: (task as AnyFunction).name, helpers: findHelpers(source, callerText) };
    return this.definitions.push(['inline', source, details]) - 1;
  }
}
