import type { HelperBinding } from './findHelpers';

/**
 * What a worker needs besides an inline task's source to compile it as if it were written where it was: the file
 * that submitted it (`require`/`import()` resolve from there and stack frames name it), the line and column where the
 * function's text starts in that file (or of the submit call, when the text is not found there: a file compiled in
 * memory), the function's name, and the compiler helpers its source uses.
 *
 * @example
 * ```ts
 * const details: InlineDetails = { file: '/srv/app/main.js', line: 12, column: 23, name: 'crunch', helpers: [] };
 * ```
 */
export interface InlineDetails {
  /** The absolute path of the file that submitted the task: `require()`/`import()` resolve from it. */
  readonly file: string;
  /** The line (1-based) where the function's text starts in that file, or of the submit call. */
  readonly line: number;
  /** The column (1-based) on that line. */
  readonly column: number;
  /** The function's name, for stack frames. */
  readonly name: string;
  /** The compiler helpers (tslib, swc, Babel, esbuild) the source uses, to put in its scope. */
  readonly helpers: readonly HelperBinding[];
}
