import { fileURLToPath } from 'node:url';
import type { AnyFunction, ModuleTask } from './moduleTask';

/**
 * A real dynamic `import()`. TypeScript's CommonJS output would turn `import()` into `require()`, which cannot load
 * ES modules, so it is built at run time instead.
 */
const dynamicImport = new Function('url', 'return import(url)') as (url: string) => Promise<Record<string, unknown>>;

const loaded = new Map<string, Promise<AnyFunction>>();

/**
 * Imports a module task's function, once per process or worker (the promise is cached; a failure is not, so a
 * fixed file can be retried). CommonJS files are required; ES modules are imported.
 */
export function loadModuleTask(task: ModuleTask): Promise<AnyFunction> {
  const key = `${task.url}#${task.exportName}`;
  let fn = loaded.get(key);
  if (fn === undefined) {
    fn = importExport(task);
    loaded.set(key, fn);
    fn.catch(() => loaded.delete(key));
  }
  return fn;
}

async function importExport({ url, exportName }: ModuleTask): Promise<AnyFunction> {
  let namespace: Record<string, unknown>;
  try {
    const exported: unknown = require(fileURLToPath(url));
    const exports = exported as Record<string, unknown>;
    // A CommonJS module whose `module.exports` is the function itself serves as its default export.
    namespace = typeof exported === 'function' ? { ...exports, default: exported } : exports;
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code !== 'ERR_REQUIRE_ESM') throw error;
    namespace = await dynamicImport(url);
  }
  const fn = namespace[exportName];
  if (typeof fn !== 'function') {
    throw new TypeError(`the export '${exportName}' of ${url} is not a function (it is ${typeof fn})`);
  }
  return fn as AnyFunction;
}
