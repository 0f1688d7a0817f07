// Dask distributed: a LocalCluster of worker processes (one thread each), run by benchmarks/python/dask_bench.py in
// its own process, as CPython's rows are. client.submit then client.gather for the bulk row, submit then result for
// the round trip, client.map (or the executor view's map, per row) for the map row. Measured only where a Python that
// can `import distributed` is found (see findDaskPython); elsewhere the table says why.
import { spawnSync } from 'node:child_process';

/** The Pythons tried, in order, when RXF_DASK_PYTHON is not set: the one on PATH, then Debian's (python3-distributed). */
const CANDIDATES = ['python3', '/usr/bin/python3'];

let found;

/**
 * The first Python that can import distributed, as { command, dask, python }, or { reason } when none can.
 * RXF_DASK_PYTHON, when set, is the only one tried. Probed once per process.
 * @example findDaskPython() // { command: '/usr/bin/python3', dask: '2022.12.1', python: '3.11.2' }
 */
export function findDaskPython() {
  if (found) return found;
  const chosen = process.env.RXF_DASK_PYTHON;
  const candidates = chosen ? [chosen] : CANDIDATES;
  for (const command of candidates) {
    const probe = spawnSync(command, ['-c', 'import sys, distributed; print(distributed.__version__, sys.version.split()[0])'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    if (probe.status !== 0) continue;
    const [dask, python] = probe.stdout.trim().split(' ');
    return (found = { command, dask, python });
  }
  const tried = candidates.map((command) => `\`${command}\``).join(', ');
  return (found = {
    reason:
      `not measured: no Python here can \`import distributed\` (tried ${tried}${chosen ? ', from RXF_DASK_PYTHON' : ''}); ` +
      'install Dask with `apt-get install -y python3-distributed` or point RXF_DASK_PYTHON at a Python that has it',
  });
}

export default {
  id: 'dask',
  get label() {
    const { dask, python } = findDaskPython();
    return dask ? `Dask distributed ${dask} (LocalCluster, 1 thread per worker process, Python ${python})` : 'Dask distributed (LocalCluster)';
  },
  kind: 'queue',
  runtime: 'python',
  /** The interpreter and script jobs.mjs runs for this adapter's rows. */
  python: () => ({ command: findDaskPython().command, script: 'python/dask_bench.py' }),
  available: () => findDaskPython().reason,
};
