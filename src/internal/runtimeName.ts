/** The JavaScript runtimes rxfutures runs on. */
export type RuntimeName = 'node' | 'bun' | 'deno';

/**
 * The runtime running this program: Bun and Deno implement Node's modules, and rxfutures works on both, but a few
 * things differ (see the README's "Runtimes"); the code that handles a difference asks here.
 *
 * @example
 * ```ts
 * if (runtimeName() !== 'node') warnOnce('resourceLimits are ignored');
 * ```
 */
export function runtimeName(): RuntimeName {
  const global = globalThis as { Bun?: unknown; Deno?: unknown };
  if (global.Bun !== undefined) return 'bun';
  if (global.Deno !== undefined) return 'deno';
  return 'node';
}
