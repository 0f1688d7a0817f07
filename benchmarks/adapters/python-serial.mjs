// CPython on its main thread, no pool: the serial run Python's speedups are measured against, and the home of
// Python's module functions as_completed/wait (workload 5a).
import { pythonAdapter } from '../lib/pythonAdapter.mjs';

export default pythonAdapter({ id: 'python-serial', kind: 'loop', label: 'main thread' });
