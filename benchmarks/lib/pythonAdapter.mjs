// CPython's concurrent.futures, run by benchmarks/python/futures_bench.py in its own process: the runner starts
// the script instead of a Node child for these rows. Unavailable (noted in the table) when python3 is missing.
import { spawnSync } from 'node:child_process';

let version;

/** The `python3 --version` string, or undefined when there is no python3. */
export function pythonVersion() {
  if (version === undefined) {
    const probe = spawnSync('python3', ['--version'], { encoding: 'utf8' });
    version = probe.status === 0 ? (probe.stdout || probe.stderr).trim() : null;
  }
  return version ?? undefined;
}

/** An adapter for one Python executor kind: `'thread'`, `'process'` or `'serial'` (no pool, main thread). */
export function pythonAdapter({ id, kind, label }) {
  return {
    id,
    label: `${pythonVersion() ?? 'Python'} ${label}`,
    kind,
    runtime: 'python',
    pythonKind: kind === 'loop' ? 'serial' : kind,
    async available() {
      return pythonVersion() ? undefined : 'python3 not found on this machine';
    },
  };
}
