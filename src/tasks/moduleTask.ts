import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe } from '../internal/validate';

/**
 * Any function a task may be.
 *
 * @example
 * ```ts
 * const task: ModuleTask<AnyFunction> = moduleTask('/abs/path/tasks.js', 'resize');
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFunction = (...args: any[]) => unknown;

/**
 * A reference to a function exported by a module file, run as a task. Make one with {@link moduleTask}.
 * `F` is the export's type, so `submit` and `map` check arguments and infer results from it.
 *
 * @example
 * ```ts
 * const hashTask: ModuleTask<(text: string) => string> = moduleTask('/srv/app/tasks/hash.js', 'hash');
 * const digest = await pool.submit(hashTask, 'some text');
 * ```
 */
export interface ModuleTask<F extends AnyFunction = AnyFunction> {
  /** Marks the object as a module task (what executors check to tell it from an inline function). */
  readonly kind: 'module';
  /** The module's `file:` URL. */
  readonly url: string;
  /** The export to call. */
  readonly exportName: string;
  /** Type-only: the export's signature. */
  readonly __signature?: F;
}

/**
 * Names an export of an ESM or CommonJS file as a task, imported once per worker.
 *
 * Give the export's type as the type argument so calls are checked. Use module tasks for code that needs imports,
 * closures over module state, or that is too big to send as an inline function.
 *
 * @param specifier - an absolute path or a `file:` URL.
 * @param exportName - the export to call. @default 'default'
 * @example
 * ```ts
 * import type { hash } from './tasks/hash.js';
 * const hashTask = moduleTask<typeof hash>(new URL('./tasks/hash.js', import.meta.url), 'hash');
 * const digest = await pool.submit(hashTask, 'some text');
 * ```
 * @throws TypeError if the specifier is neither an absolute path nor a `file:` URL.
 */
export function moduleTask<F extends AnyFunction>(specifier: string | URL, exportName = 'default'): ModuleTask<F> {
  let url: string;
  if (specifier instanceof URL || (typeof specifier === 'string' && specifier.startsWith('file:'))) {
    url = new URL(specifier).href;
  } else if (typeof specifier === 'string' && isAbsolute(specifier)) {
    url = pathToFileURL(specifier).href;
  } else {
    throw new TypeError(
      `moduleTask() needs an absolute path or a file: URL (try path.resolve() or new URL('./file.js', import.meta.url)); received ${describe(specifier)}`,
    );
  }
  if (typeof exportName !== 'string' || exportName === '') {
    throw new TypeError(`moduleTask() exportName must be a non-empty string; received ${describe(exportName)}`);
  }
  return Object.freeze({ kind: 'module' as const, url, exportName });
}

/**
 * `true` if `value` is a {@link ModuleTask} (made by `moduleTask`), as opposed to a function to send as source.
 *
 * @example
 * ```ts
 * const definition = isModuleTask(fn) ? { url: fn.url, name: fn.exportName } : { source: inlineSource(fn) };
 * ```
 */
export function isModuleTask(value: unknown): value is ModuleTask {
  return typeof value === 'object' && value !== null && (value as ModuleTask).kind === 'module';
}
