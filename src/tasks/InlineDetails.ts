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
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly name: string;
  readonly helpers: readonly HelperBinding[];
}
