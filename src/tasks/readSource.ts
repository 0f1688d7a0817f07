import { readFileSync } from 'node:fs';

/** The few source files read last: tasks mostly come from one or two files. */
const recent = new Map<string, string | undefined>();
const KEEP = 4;

/**
 * The text of a caller's source file, or `undefined` if it cannot be read (a made-up file for eval or the REPL).
 * The last few files read are kept.
 *
 * @example
 * ```ts
 * readSource('/srv/app/main.js')?.includes('submit'); // true
 * ```
 */
export function readSource(file: string): string | undefined {
  if (recent.has(file)) return recent.get(file);
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = undefined;
  }
  recent.set(file, text);
  if (recent.size > KEEP) recent.delete(recent.keys().next().value as string);
  return text;
}
