// Dask distributed (a LocalCluster of worker processes, client.map / submit), measured only where
// `python3 -c "import distributed"` works; elsewhere the table says so.
import { execFileSync } from 'node:child_process';

export default {
  id: 'dask',
  label: 'Dask distributed (LocalCluster)',
  kind: 'queue',
  available() {
    try {
      execFileSync('python3', ['-c', 'import distributed'], { stdio: 'ignore', timeout: 20_000 });
    } catch {
      return 'not measured: `python3 -c "import distributed"` fails on this machine (Dask distributed is not installed)';
    }
    return 'not measured: no Dask adapter in this benchmark yet (distributed is installed; see benchmarks/README.md)';
  },
  async open() {
    throw new Error('no Dask adapter yet');
  },
};
