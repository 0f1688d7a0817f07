import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe } from './executorSurface';

/** A real dynamic `import()` (TypeScript's CommonJS output would turn `import()` into `require()`). */
const dynamicImport = new Function('url', 'return import(url)') as (url: string) => Promise<Record<string, unknown>>;

/** A worker's tasks module: its `file:` URL and the names of the functions it exports. */
export interface TasksModule {
  readonly url: string;
  readonly names: ReadonlySet<string>;
}

/**
 * Loads a worker's tasks module (a path, relative to the working directory, or a `file:` URL; CommonJS or ES module)
 * and lists the functions it exports: those are the tasks the worker runs, by name.
 *
 * @example
 * ```ts
 * const { url, names } = await loadTasksModule('./dist/tasks.js'); // names: Set { 'hash', 'resize' }
 * ```
 * @throws Error saying which file failed to load and why, or that it exports no function.
 */
export async function loadTasksModule(specifier: unknown): Promise<TasksModule> {
  let url: string;
  if (specifier instanceof URL || (typeof specifier === 'string' && specifier.startsWith('file:'))) {
    url = new URL(specifier).href;
  } else if (typeof specifier === 'string' && specifier !== '') {
    url = pathToFileURL(isAbsolute(specifier) ? specifier : resolve(specifier)).href;
  } else {
    throw new TypeError(`tasks must be the path or file: URL of the tasks module; received ${describe(specifier)}`);
  }
  let namespace: Record<string, unknown>;
  try {
    namespace = await load(url);
  } catch (error) {
    throw new Error(`the tasks module ${fileURLToPath(url)} could not be loaded: ${(error as Error)?.message ?? error}`, {
      cause: error,
    });
  }
  const names = new Set(Object.keys(namespace).filter((name) => typeof namespace[name] === 'function'));
  if (names.size === 0) throw new Error(`the tasks module ${fileURLToPath(url)} exports no function: a worker would have nothing to run`);
  return { url, names };
}

async function load(url: string): Promise<Record<string, unknown>> {
  try {
    const exported: unknown = require(fileURLToPath(url));
    if (typeof exported === 'function') return { ...(exported as object), default: exported };
    return exported as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code !== 'ERR_REQUIRE_ESM') throw error;
    return dynamicImport(url);
  }
}
