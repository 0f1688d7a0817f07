import { fileURLToPath } from 'node:url';
import { compileInlineTask } from './compileInlineTask';
import { findHelpers } from './findHelpers';
import type { AnyFunction } from './moduleTask';

/**
 * Compiles the source of an inline task (see `inlineSource`) that came from another process or machine, as if it
 * were written at the top of `file` (a path or `file:` URL on this machine): `require()` and `import()` inside it
 * resolve from there, since the submitter's own file is not here, and the compiler helpers its source uses
 * (`__awaiter`, `__name`, `_asyncToGenerator`...) are in scope. Executors whose workers receive task source over
 * their own transport use it; a queue worker compiles inline jobs with it against its tasks module.
 *
 * @example
 * ```ts
 * import { compileTaskSource, inlineSource } from 'rxfutures/executor';
 *
 * const source = inlineSource((n: number) => n * 2); // sent to the worker
 * const double = compileTaskSource(source, '/srv/worker/tasks.js'); // on the worker
 * double(21); // 42
 * ```
 * @throws SyntaxError if the source does not compile; TypeError if it is not a function.
 */
export function compileTaskSource(source: string, file: string): AnyFunction {
  const path = file.startsWith('file:') ? fileURLToPath(file) : file;
  return compileInlineTask(source, { file: path, line: 1, column: 1, name: '', helpers: findHelpers(source, undefined) });
}
