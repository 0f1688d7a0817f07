import { existsSync } from 'node:fs';
import { findSourceMap } from 'node:module';
import { dirname, isAbsolute, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where an inline task was handed to rxfutures: the caller's file, and the line and column of the call (1-based). */
export interface TaskOrigin {
  /** An absolute path; a made-up file in the entry script's folder when the caller has no file (eval, REPL). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** rxfutures' own folders (src/ and operators/, as built in dist/ or run from source): their frames are skipped. */
const own = [join(__dirname, '..') + sep, join(__dirname, '..', '..', 'operators') + sep];
/** Frames enough to get past rxfutures' own ones (an operator, `map`, `submit`...) to the caller's. */
const FRAMES = 16;

/**
 * The origin of the current call into rxfutures: the first stack frame outside rxfutures and Node's internals. Costs
 * a stack capture (microseconds), so callers cache it per task function.
 *
 * @example
 * ```ts
 * callerOrigin(); // { file: '/srv/app/main.js', line: 12, column: 23 }
 * ```
 */
export function callerOrigin(): TaskOrigin {
  for (const site of captureSites()) {
    const name = site.getFileName() ?? (site.isEval() ? undefined : site.getScriptNameOrSourceURL()) ?? undefined;
    const file = name === undefined ? undefined : toPath(name);
    if (file === undefined) continue;
    if (own.some((folder) => file.startsWith(folder))) continue;
    if (!existsSync(file)) break;
    return originalPosition(file, site.getLineNumber() ?? 1, site.getColumnNumber() ?? 1);
  }
  return { file: join(entryFolder(), '[inline task]'), line: 1, column: 1 };
}

function captureSites(): NodeJS.CallSite[] {
  const { prepareStackTrace, stackTraceLimit } = Error;
  Error.prepareStackTrace = (_, sites) => sites;
  Error.stackTraceLimit = FRAMES;
  try {
    const holder: { stack?: NodeJS.CallSite[] } = {};
    Error.captureStackTrace(holder, callerOrigin);
    return Array.isArray(holder.stack) ? holder.stack : [];
  } catch {
    return [];
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/**
 * The position in the file as written, when a loader compiled it in memory with a source map Node knows of (tsx,
 * `--enable-source-maps`): the frame gives the position in the compiled code, which may be all on one line.
 */
function originalPosition(file: string, line: number, column: number): TaskOrigin {
  try {
    const map = findSourceMap(file) ?? findSourceMap(pathToFileURL(file).href);
    const entry = map?.findEntry(line - 1, column - 1) as { originalLine?: number; originalColumn?: number; originalSource?: string } | undefined;
    if (entry?.originalLine !== undefined && entry.originalSource !== undefined && toPath(entry.originalSource) === file) {
      return { file, line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 };
    }
  } catch {
    // No usable source map: the compiled position stands.
  }
  return { file, line, column };
}

/** An absolute path from a frame's file name (a path or a `file:` URL); `undefined` for `node:` and the like. */
function toPath(name: string): string | undefined {
  if (name.startsWith('file:')) {
    try {
      return fileURLToPath(name);
    } catch {
      return undefined;
    }
  }
  return isAbsolute(name) ? name : undefined;
}

/** The entry script's folder, or the working directory when there is none (`node -e`, the REPL). */
function entryFolder(): string {
  const entry = require.main?.filename ?? process.argv[1];
  return entry !== undefined && isAbsolute(entry) ? dirname(entry) : process.cwd();
}
