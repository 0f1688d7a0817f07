import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import * as vm from 'node:vm';
import { bindHelpers, type TaskScope } from './bindHelpers';
import type { InlineDetails } from './InlineDetails';
import type { AnyFunction } from './moduleTask';

/**
 * Node's own module loader for `import()` in compiled code, resolving against the code's `filename` (Node >= 20.12;
 * marked experimental there, see {@link quietImportWarning}). Without it, `import()` resolves against this file.
 */
const defaultLoader: unknown = (vm as unknown as { constants?: { USE_MAIN_CONTEXT_DEFAULT_LOADER?: unknown } }).constants
  ?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const RESERVED = new Set(['arguments', 'await', 'eval', 'let', 'static', 'yield', 'undefined', 'NaN', 'Infinity']);

/** Scopes by caller file: one `require` and one `import()` per file and worker. */
const scopes = new Map<string, TaskScope>();

function scopeOf(file: string): TaskScope {
  let scope = scopes.get(file);
  if (scope === undefined) {
    const importer = compile('return import(specifier)', ['specifier'], file, 0) as (specifier: string) => Promise<unknown>;
    scope = { require: createRequire(file), importFrom: (specifier) => quietImportWarning(() => importer(specifier)) };
    scopes.set(file, scope);
  }
  return scope;
}

let warned = defaultLoader === undefined;

/**
 * Node 20 and 22 warn once per process (or thread) that `USE_MAIN_CONTEXT_DEFAULT_LOADER` is experimental, at the
 * first `import()` through it. The warning concerns rxfutures, not the user's code, so it is dropped: the first
 * import runs with that one warning filtered out (it is emitted synchronously, when `import()` starts).
 */
function quietImportWarning<T>(start: () => T): T {
  if (warned) return start();
  warned = true;
  const emit = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    if (!String((warning as Error)?.message ?? warning).includes('USE_MAIN_CONTEXT_DEFAULT_LOADER')) {
      (emit as (...args: unknown[]) => void).call(this, warning, ...rest);
    }
  } as typeof process.emitWarning;
  try {
    return start();
  } finally {
    process.emitWarning = emit;
  }
}

function compile(body: string, params: string[], file: string, lineOffset: number): unknown {
  if (defaultLoader === undefined) {
    const url = pathToFileURL(file).href;
    return new Function(...params, `${body}\n//# sourceURL=${url}`);
  }
  return vm.compileFunction(body, params, { filename: file, lineOffset, importModuleDynamically: defaultLoader as never });
}

/**
 * Compiles the source of an inline task (see `inlineSource`) into a function, in the worker. Called once per
 * function and worker; the runtime caches the result by the function's id.
 *
 * The function is compiled as if written in the file that submitted it (`details.file`, see `TaskRegistry`):
 * `require()` and `import()` inside it resolve from there, and its stack frames name that file, at the line where the
 * function was written, and the function's name. The compiler helpers it uses (`details.helpers`) are in scope.
 *
 * @example
 * ```ts
 * const double = compileInlineTask('(n) => n * 2', details);
 * double(21); // 42
 * ```
 * @throws SyntaxError if the source does not compile.
 */
export function compileInlineTask(source: string, details: InlineDetails): AnyFunction {
  const scope = scopeOf(details.file);
  // Let the one-time warning about Node's loader go by now, filtered, rather than at the task's own first import().
  if (!warned && /\bimport\s*\(/.test(source)) scope.importFrom('node:path').catch(() => undefined);
  const helpers = details.helpers.filter(([name]) => name !== 'require');
  const params = ['require', ...helpers.map(([name]) => name)];
  const name = IDENTIFIER.test(details.name) && !RESERVED.has(details.name) && !params.includes(details.name) ? details.name : '';
  // The source starts on line 3 of the body, indented to its column, so positions in stack traces are the file's.
  const indent = ' '.repeat(Math.max(0, details.column - 1));
  const body = name
    ? `"use strict";\n{ const ${name} = (\n${indent}${source}\n); return ${name}; }`
    : `"use strict";\nreturn (\n${indent}${source}\n);`;
  const make = compile(body, params, details.file, Math.max(0, details.line - 3)) as (...values: unknown[]) => unknown;
  const fn = make(scope.require, ...bindHelpers(helpers, scope));
  if (typeof fn !== 'function') throw new TypeError(`the task source does not evaluate to a function: ${source.slice(0, 80)}`);
  return fn as AnyFunction;
}
