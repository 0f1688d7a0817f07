// The JavaScript runtime a run measures under (`--runtime node|bun|deno`): every Node measurement process, and the
// processes it starts itself (queue workers), run under it, so that the raw baselines and rxfutures share a runtime.
// Bun and Deno come from this repository's node_modules (devDependencies).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { rootDir } from './paths.mjs';

export const RUNTIMES = ['node', 'bun', 'deno'];

/** The command (and its leading arguments) that runs a script under `name`, passing it `nodeFlags` its own way. */
export function runtimeCommand(name, nodeFlags = []) {
  if (name === 'bun') return [join(rootDir, 'node_modules/.bin/bun'), ...nodeFlags];
  if (name === 'deno') {
    const v8 = nodeFlags.length > 0 ? [`--v8-flags=${nodeFlags.join(',')}`] : [];
    return [join(rootDir, 'node_modules/.bin/deno'), 'run', '-A', ...v8];
  }
  return [process.execPath, ...nodeFlags];
}

/** The command that runs a script under the runtime running this code (for a process started from a measurement). */
export function currentRuntimeCommand() {
  if (typeof globalThis.Deno !== 'undefined') return [process.execPath, 'run', '-A'];
  return [process.execPath];
}

/** `Bun 1.4.5`, `Deno 2.9.6`, `Node v20.20.2`: the runtime's name and version, for the report. */
export function runtimeLabel(name) {
  if (name === 'node') return `Node ${process.version}`;
  const [command] = runtimeCommand(name);
  const probe = spawnSync(command, ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error(`--runtime ${name}: ${command} does not run (${probe.error?.code ?? probe.stderr.trim()}); run \`npm ci\` first`);
  const version = probe.stdout.trim().split('\n')[0].replace(/^deno /, '').replace(/ \(.*$/, '');
  return `${name === 'bun' ? 'Bun' : 'Deno'} ${version}`;
}
