// rxfutures ProcessPoolExecutor with inline tasks.
import { rxfuturesAdapter } from '../lib/rxfuturesAdapter.mjs';

export default rxfuturesAdapter({ id: 'rxfutures-process', kind: 'process', exportName: 'ProcessPoolExecutor' });
