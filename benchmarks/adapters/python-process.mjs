// CPython concurrent.futures.ProcessPoolExecutor.
import { pythonAdapter } from '../lib/pythonAdapter.mjs';

export default pythonAdapter({ id: 'python-process', kind: 'process', label: 'ProcessPoolExecutor' });
