import { ClosureVariableError } from '../errors/ClosureVariableError';
import type { InlineDetails } from './InlineDetails';
import { readSource } from './readSource';

/** Which function failed: a task, or a pool's initializer. */
export type TaskRole = 'task' | 'initializer';

/**
 * Turns "x is not defined" thrown by an inline function whose source mentions `x` into a {@link ClosureVariableError}
 * that says what `x` was and what to do: an import of the caller's file (named with its module), code a compiler moved
 * out of the function (named with the compiler and the setting that keeps it in), or a variable of the enclosing scope.
 * Any other error is returned as it is.
 *
 * @example
 * ```ts
 * explainClosureError(new ReferenceError('node_crypto_1 is not defined'), source, details, 'task');
 * // ClosureVariableError: the task uses `createHash`, imported from 'node:crypto' outside the task: ...
 * ```
 */
export function explainClosureError(error: unknown, source: string, details: InlineDetails | undefined, role: TaskRole): unknown {
  if (!(error instanceof ReferenceError)) return error;
  const missing = /^(\S+) is not defined$/.exec(error.message)?.[1];
  if (missing === undefined || !new RegExp(`(?<![\\w$.])${missing.replace(/\$/g, '\\$')}(?![\\w$])`).test(source)) return error;
  const text = details === undefined ? undefined : readSource(details.file);
  const message =
    movedByCompiler(missing, source, text, role) ??
    importedName(missing, source, text, role) ??
    `the ${role} uses '${missing}', a variable of the scope it was written in, which a worker cannot see (it gets ` +
      `only the function's source): pass it as an argument, require()/import() it inside the function, or use moduleTask()`;
  return new ClosureVariableError(message, { cause: error });
}

/** Code of the function that a compiler put outside it, where no worker can see it. */
function movedByCompiler(name: string, source: string, text: string | undefined, role: TaskRole): string | undefined {
  // The file names the compiler when it is the compiled output; a file compiled in memory shows neither, so both are named.
  let babel = text !== undefined && /\b_asyncToGenerator|@babel\//.test(text);
  let swc = text !== undefined && /\b_async_to_generator\b|@swc\/helpers/.test(text);
  if (!babel && !swc) babel = swc = true;
  if (new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\.apply\\(this, arguments\\)`).test(source)) {
    const compilers = [
      babel ? "Babel's (@babel/preset-env `targets` without async functions: use `targets: { node: '18' }` or newer)" : '',
      swc ? "swc's (`jsc.target` below es2017: use 'es2017' or newer)" : '',
    ].filter(Boolean);
    return (
      `the ${role}'s body is not in its source: the async-to-generator transform of ${compilers.join(' or ')} ` +
      `moved it into '${name}', outside the function, where a worker cannot see it. Compile with that newer target ` +
      'so async functions stay as they are, make the function non-async, or use moduleTask()'
    );
  }
  if (/^_excluded\d*$/.test(name)) {
    return (
      `the ${role} uses '${name}', the keys of an object rest (\`const { a, ...rest } = x\`) that Babel moved out of ` +
      "the function, where a worker cannot see it: use @babel/preset-env `targets` with object rest (`{ node: '18' }` " +
      'or newer), or use moduleTask()'
    );
  }
  if (/^_marked\d*$/.test(name)) {
    return (
      `the ${role} is a generator that Babel's regenerator transform split, putting '${name}' outside the function, ` +
      "where a worker cannot see it: use @babel/preset-env `targets` with generators (`{ node: '18' }` or newer), or use moduleTask()"
    );
  }
  return undefined;
}

interface Import {
  /** `import`: an ES import statement, whose names the user wrote; `require`: a `require()` assignment. */
  readonly kind: 'import' | 'require';
  readonly specifier: string;
  /** The names the statement binds, as written in the file. */
  readonly names: readonly string[];
}

/** The import statements and `require()` assignments of a file's text. */
function importsOf(text: string): Import[] {
  const found: Import[] = [];
  for (const match of text.matchAll(/\bimport\s+([^'";]*?)\s*from\s*(['"])([^'"]+)\2/g)) {
    found.push({ kind: 'import', specifier: match[3], names: match[1].split(/[\s{},*]+|\bas\b/).filter((word) => /^[\w$]+$/.test(word)) });
  }
  for (const match of text.matchAll(/(?<![\w$.])(?:(?:const|let|var)\s+)?([\w$]+|\{[^}]*\})\s*=\s*(?:[\w$.]+\(\s*)*require\(\s*(['"])([^'"]+)\2/g)) {
    found.push({ kind: 'require', specifier: match[3], names: match[1].split(/[\s{},:]+/).filter((word) => /^[\w$]+$/.test(word)) });
  }
  return found;
}

/** Lower-case letters and digits only: `node:crypto`, `import_node_crypto` and `_nodeCrypto` all become `nodecrypto`. */
function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The module a missing name was imported from, in the caller's file: the name itself (ES module output), or the
 * module variable a compiler made of the import (`import_node_crypto` from esbuild, `node_crypto_1` from tsc,
 * `_nodeCrypto` from Babel, `_nodecrypto` from swc), found by the member the task reads from it.
 */
function importedName(name: string, source: string, text: string | undefined, role: TaskRole): string | undefined {
  if (text === undefined) return undefined;
  const member = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\.([\\w$]+)`).exec(source)?.[1];
  const imports = importsOf(text);
  const base = slug(name.replace(/^import_/, '').replace(/_\d+$/, ''));
  const found =
    imports.find((entry) => entry.names.includes(name)) ??
    (member !== undefined && member !== 'default' ? imports.find((entry) => entry.names.includes(member)) : undefined) ??
    imports.find((entry) => base !== '' && (slug(entry.specifier) === base || slug(entry.specifier.split('/').pop()!) === base));
  if (found === undefined) return undefined;
  const written = found.kind === 'import' && found.names.includes(name);
  const used = !written && member !== undefined && member !== 'default' ? member : name;
  return (
    `the ${role} uses \`${used}\`, imported from '${found.specifier}' outside the ${role}: require or import it inside ` +
    `the ${role} (a worker gets only the function's source)`
  );
}
