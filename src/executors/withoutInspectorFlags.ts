/** `--inspect`, `--inspect-brk`, `--inspect-wait`, `--inspect-port`, `--inspect-publish-uid`, `--debug-port`, with or without `=value`. */
const INSPECTOR_FLAG = /^--(inspect(-brk|-wait|-port|-publish-uid)?|debug-port)(=|$)/;
/** The inspector flags whose value may come as the next argument (`--inspect-port 9230`). */
const VALUE_FOLLOWS = /^--(inspect-port|inspect-publish-uid|debug-port)$/;

/**
 * The parent's Node options without its inspector flags, for child processes that inherit them: each child would
 * otherwise try to open the parent's debugger port ("address already in use"), or with `--inspect-brk` wait for a
 * debugger that never comes.
 *
 * @example
 * ```ts
 * withoutInspectorFlags(['--inspect=127.0.0.1:9229', '--max-old-space-size=512']); // ['--max-old-space-size=512']
 * ```
 */
export function withoutInspectorFlags(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    if (!INSPECTOR_FLAG.test(arg)) kept.push(arg);
    else if (VALUE_FOLLOWS.test(arg)) i++;
  }
  return kept;
}
