// CPython concurrent.futures.ThreadPoolExecutor.
import { pythonAdapter } from '../lib/pythonAdapter.mjs';

export default pythonAdapter({ id: 'python-thread', kind: 'thread', label: 'ThreadPoolExecutor' });
