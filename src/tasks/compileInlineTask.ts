import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AnyFunction } from './moduleTask';

/**
 * What an inline task sees besides globals: `require` (resolving from the working directory) and the two helpers
 * TypeScript's CommonJS output calls for `import()` and default imports, so `await import('node:os')` written in a
 * `.ts` file keeps working once compiled.
 */
const scopeNames = ['require', '__importStar', '__importDefault'] as const;

function importDefault(mod: unknown): unknown {
  return mod !== null && typeof mod === 'object' && (mod as { __esModule?: boolean }).__esModule ? mod : { default: mod };
}

function importStar(mod: unknown): unknown {
  if (mod !== null && typeof mod === 'object' && (mod as { __esModule?: boolean }).__esModule) return mod;
  const namespace: Record<string, unknown> = Object.create(null);
  if (mod !== null && (typeof mod === 'object' || typeof mod === 'function')) {
    for (const key of Object.keys(mod)) namespace[key] = (mod as Record<string, unknown>)[key];
  }
  namespace.default = mod;
  return namespace;
}

let scope: unknown[] | undefined;

/**
 * Compiles the source of an inline task (see `inlineSource`) into a function, in the worker. Called once per
 * function and worker; the runtime caches the result by the function's id.
 *
 * @example
 * ```ts
 * const double = compileInlineTask('(n) => n * 2');
 * double(21); // 42
 * ```
 * @throws SyntaxError if the source does not compile.
 */
export function compileInlineTask(source: string): AnyFunction {
  scope ??= [createRequire(join(process.cwd(), 'noop.js')), importStar, importDefault];
  const make = new Function(...scopeNames, `"use strict";\nreturn (${source}\n);`) as (...helpers: unknown[]) => unknown;
  const fn = make(...scope);
  if (typeof fn !== 'function') throw new TypeError(`the task source does not evaluate to a function: ${source.slice(0, 80)}`);
  return fn as AnyFunction;
}
