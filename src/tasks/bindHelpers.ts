import { esbuildHelpers } from './esbuildHelpers';
import type { HelperBinding } from './findHelpers';

/** What a task's helpers may need from its compile scope. */
export interface TaskScope {
  /** `require` resolving from the caller's file. */
  readonly require: NodeJS.Require;
  /** `import()` resolving from the caller's file. */
  readonly importFrom: (specifier: string) => Promise<unknown>;
}

/** A helper as a module object, for `_x._(...)` (swc) and `(0, _x.default)(...)` (Babel's runtime). */
function asNamespace(helper: unknown): unknown {
  return Object.freeze({ __esModule: true, _: helper, default: helper });
}

/** The export of a helper module: swc's CommonJS files export `_`, Babel's runtime files export the helper. */
function helperOf(mod: unknown): unknown {
  return typeof mod === 'function' ? mod : (mod as { _?: unknown; default?: unknown })._ ?? (mod as { default?: unknown }).default;
}

/**
 * The values of a task's helper bindings (see `findHelpers`), in order, for the worker's compile scope. Helper
 * packages are loaded on first use (rxfutures depends on tslib, @swc/helpers and @babel/runtime for this).
 *
 * @example
 * ```ts
 * bindHelpers([['__awaiter', 'tslib', '__awaiter', 0]], scope); // [tslib.__awaiter]
 * ```
 */
export function bindHelpers(bindings: readonly HelperBinding[], scope: TaskScope): unknown[] {
  return bindings.map(([, kind, key, namespace]) => {
    let value: unknown;
    switch (kind) {
      case 'tslib':
        value = (require('tslib') as Record<string, unknown>)[key];
        break;
      case 'tslib*':
        return require('tslib');
      case 'swc':
        value = helperOf(require(`@swc/helpers/_/${key}`));
        break;
      case 'babel':
        value = helperOf(require(`@babel/runtime/helpers/${key}`));
        break;
      case 'regenerator':
        value = require('@babel/runtime/regenerator');
        break;
      case 'esbuild':
        value = esbuildHelpers[key];
        break;
      case 'require':
        return scope.require;
      case 'import':
        return scope.importFrom;
      case 'constant':
        return JSON.parse(key);
    }
    return namespace === 1 ? asNamespace(value) : value;
  });
}
