import { esbuildHelpers } from './esbuildHelpers';

/**
 * Where a compiler helper used by an inline task comes from, for the worker to bind it (see `bindHelpers`):
 * - `tslib`: the export `key` of tslib (`__awaiter`, ...); `tslib*`: the whole module (`tslib_1.__awaiter` in tsc's
 *   CommonJS output with `importHelpers`);
 * - `swc`: `@swc/helpers/_/<key>`; `babel`: `@babel/runtime/helpers/<key>`; `regenerator`: `@babel/runtime/regenerator`;
 * - `esbuild`: rxfutures' own copy (see `esbuildHelpers`);
 * - `require`: the task's `require` (esbuild's `__require`); `import`: an `import()` from the caller's file (Vite's
 *   `__vite_ssr_dynamic_import__`);
 * - `constant`: a literal the compiler moved out of the task (Babel's `_excluded` keys of an object rest), as JSON.
 *
 * `namespace` is 1 when the task reaches the helper through a module object (`_x._(...)`, `(0, _x.default)(...)`).
 */
export type HelperBinding = readonly [name: string, kind: HelperKind, key: string, namespace: 0 | 1];
export type HelperKind = 'tslib' | 'tslib*' | 'swc' | 'babel' | 'regenerator' | 'esbuild' | 'require' | 'import' | 'constant';

/** Names the compilers give helpers; everything else in a task is the task's own (or a closure variable). */
const CANDIDATE = /(?<![\w$.])(?:__[A-Za-z_$][\w$]*|_[A-Za-z$][\w$]*|tslib_\d+|regeneratorRuntime)(?![\w$])/g;
/** Names only esbuild gives (the rest overlap with tsc's `__await`/`__asyncGenerator`, which work differently). */
const ESBUILD_ONLY = /(?<![\w$.])(?:__async|__forAwait|__yieldStar|__name|__publicField|__privateGet|__privateSet|__privateAdd|__privateMethod|__spreadValues|__spreadProps|__objRest|__toESM)\(|new __await\(/;

const resolvable = new Map<string, boolean>();

function exists(specifier: string): boolean {
  let found = resolvable.get(specifier);
  if (found === undefined) {
    try {
      require.resolve(specifier);
      found = true;
    } catch {
      found = false;
    }
    resolvable.set(specifier, found);
  }
  return found;
}

let tslibNames: Set<string> | undefined;

function isTslib(name: string): boolean {
  tslibNames ??= new Set(Object.keys(require('tslib') as object));
  return tslibNames.has(name);
}

/** The helper a Babel or swc name stands for: `_asyncToGenerator2` is `asyncToGenerator`, `_define_property1` is `_define_property`. */
function helperKey(name: string, kind: 'swc' | 'babel'): string | undefined {
  const exact = kind === 'swc' ? name : name.slice(1);
  const test = (key: string) => exists(kind === 'swc' ? `@swc/helpers/_/${key}` : `@babel/runtime/helpers/${key}`);
  const trimmed = exact.replace(/\d+$/, '');
  // Babel names a helper without its version digits (`objectSpread2` is `_objectSpread`) and numbers a name taken
  // twice (`_defineProperty2`): the newest version of the helper is the one a current Babel inlines.
  const candidates = kind === 'babel' ? [`${trimmed}2`, trimmed, exact] : [exact, trimmed];
  return candidates.find((key) => key !== '' && test(key));
}

/** How `name` reaches its helper in `source`: through a module object (1) or called directly (0). */
function shapeOf(name: string, source: string): 0 | 1 {
  return new RegExp(`(?<![\\w$.])${escape(name)}\\.(?:_|default)\\b`).test(source) ? 1 : 0;
}

function escape(name: string): string {
  return name.replace(/\$/g, '\\$');
}

/**
 * The helper module the caller's file imports as `name`, if it does (swc's `externalHelpers`, Babel's
 * plugin-transform-runtime): the file says exactly which helper, where the name alone may not (Babel names
 * `classPrivateFieldGet` and `classPrivateFieldGet2` alike).
 */
function importedHelper(name: string, source: string, outside: string): HelperBinding | undefined {
  const n = escape(name);
  const from = `["'](@babel/runtime/(?:helpers/(?:esm/)?)?[\\w$]+|@swc/helpers/_/[\\w$]+)["']`;
  const match =
    new RegExp(`(?<![\\w$.])${n}\\s*=\\s*(?:_interopRequireDefault\\()?require\\(${from}\\)`).exec(outside) ??
    new RegExp(`import\\s*(?:${n}|\\{\\s*_\\s+as\\s+${n}\\s*\\})\\s*from\\s*${from}`).exec(outside);
  if (match === null) return undefined;
  const specifier = match[1];
  const key = specifier.slice(specifier.lastIndexOf('/') + 1);
  if (specifier === '@babel/runtime/regenerator') return [name, 'regenerator', '', shapeOf(name, source)];
  return [name, specifier.startsWith('@swc/') ? 'swc' : 'babel', key, shapeOf(name, source)];
}

/** The helper `name` stands for in `source`, if it is one. */
function classify(name: string, source: string, esbuild: boolean): HelperBinding | undefined {
  if (name === '__vite_ssr_dynamic_import__') return [name, 'import', '', 0];
  if (name === '__require') return [name, 'require', '', 0];
  if (/^tslib_\d+$/.test(name)) return [name, 'tslib*', '', 0];
  if (name === 'regeneratorRuntime') return [name, 'regenerator', '', 0];
  if (name.startsWith('__')) {
    if (esbuild && name in esbuildHelpers) return [name, 'esbuild', name, 0];
    if (isTslib(name)) return [name, 'tslib', name, 0];
    return name in esbuildHelpers ? [name, 'esbuild', name, 0] : undefined;
  }
  const namespace = shapeOf(name, source);
  // Babel's regenerator runtime object (`_regenerator.default.mark(...)`, `_regeneratorRuntime.mark(...)`), not the
  // helpers of the same names that return it (`_regenerator().m(...)`).
  const runtime = new RegExp(`(?<![\\w$.])${escape(name)}(\\.default)?\\.(?:mark|wrap|awrap|async)\\(`).exec(source);
  if (/^_regenerator(?:Runtime)?\d*$/.test(name) && runtime !== null) return [name, 'regenerator', '', runtime[1] ? 1 : 0];
  // snake_case is swc's style, camelCase Babel's; a one-word name (`_typeof`) means the same in both.
  const order: Array<'swc' | 'babel'> = /^_[a-z0-9]+_/.test(name) ? ['swc', 'babel'] : ['babel', 'swc'];
  for (const kind of order) {
    const key = helperKey(name, kind);
    if (key !== undefined) return [name, kind, key, namespace];
  }
  return undefined;
}

/**
 * The compiler helpers an inline task's source uses, and the constants its compiler moved out of it, as the worker
 * binds them when it compiles the task. A name counts only if it is a known helper of tslib, @swc/helpers,
 * @babel/runtime or esbuild, and the caller's file (`callerText`, when readable) does not declare it as a variable of
 * its own: a user's `_extends` is never silently replaced by a helper (the task then fails with ClosureVariableError,
 * as any closure variable does).
 *
 * @example
 * ```ts
 * findHelpers('(n) => __awaiter(void 0, void 0, void 0, function* () { return n; })', undefined);
 * // [['__awaiter', 'tslib', '__awaiter', 0]]
 * ```
 */
export function findHelpers(source: string, callerText: string | undefined): HelperBinding[] {
  const names = new Set(source.match(CANDIDATE));
  if (names.size === 0) return [];
  const outside = callerText === undefined ? undefined : withoutSource(callerText, source);
  const esbuild = ESBUILD_ONLY.test(source) || (outside !== undefined && /^var __defProp = Object\.defineProperty;/m.test(outside) && !/\(this && this\.__/.test(outside));
  const bindings: HelperBinding[] = [];
  for (const name of names) {
    if (/^_excluded\d*$/.test(name)) {
      const keys = outside === undefined ? undefined : excludedKeys(name, outside);
      if (keys !== undefined) bindings.push([name, 'constant', keys, 0]);
      continue;
    }
    const imported = outside === undefined ? undefined : importedHelper(name, source, outside);
    if (imported !== undefined) {
      bindings.push(imported);
      continue;
    }
    const binding = classify(name, source, esbuild);
    if (binding === undefined) continue;
    if (outside !== undefined && declaredByUser(name, outside)) continue;
    bindings.push(binding);
  }
  return bindings;
}

/** The caller's file without the task's own text, so that only what lies outside the task is examined. */
function withoutSource(text: string, source: string): string {
  const at = text.indexOf(source);
  return at < 0 ? text : text.slice(0, at) + text.slice(at + source.length);
}

/** Babel's hoisted keys of an object rest: `var _excluded = ["a", "b"]`, as JSON (only string literals are taken). */
function excludedKeys(name: string, text: string): string | undefined {
  const match = new RegExp(`(?<![\\w$.])${name}\\s*=\\s*(\\[(?:\\s*"(?:[^"\\\\\\n]|\\\\.)*"\\s*,?)*\\s*\\])`).exec(text);
  if (match === null) return undefined;
  try {
    return JSON.stringify(JSON.parse(match[1].replace(/,\s*\]$/, ']')));
  } catch {
    return undefined;
  }
}

/**
 * `true` if the caller's file declares `name` other than as a compiler helper: a compiler that ran in memory (tsx,
 * ts-jest, Vitest) leaves no helper in the file on disk, and one that wrote the file declares helpers in forms no
 * one writes by hand (tsc's `var __x = (this && this.__x) ||`, an import from a helper package, a helper function).
 */
function declaredByUser(name: string, outside: string): boolean {
  const n = escape(name);
  // A declaration, a parameter, a destructured or imported binding (comments and property names do not count).
  const declared = new RegExp(`(?:\\b(?:var|let|const|function\\*?|class|import)\\s+|[{,(]\\s*|\\bas\\s+)${n}(?![\\w$])`);
  if (!declared.test(outside)) return false;
  const helperForms = [
    `var ${n} = \\(this && this\\.${n}\\) \\|\\|`,
    `${n}\\s*=\\s*(?:_interopRequireDefault\\()?require\\(["'](?:tslib|@swc/helpers/[^"']+|@babel/runtime/[^"']+)["']\\)`,
    `import\\s*(?:\\{[^}]*\\b${n}\\b[^}]*\\}|${n})\\s*from\\s*["'](?:tslib|@swc/helpers/[^"']+|@babel/runtime/[^"']+)["']`,
    `^function ${n}\\(`,
    ...(name.startsWith('__') ? [`^var ${n} = `] : []),
  ];
  return !helperForms.some((form) => new RegExp(form, 'm').test(outside));
}
