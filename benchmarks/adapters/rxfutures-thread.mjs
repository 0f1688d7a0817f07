// rxfutures ThreadPoolExecutor with inline tasks (functions sent as source, compiled once per worker).
import { rxfuturesAdapter } from '../lib/rxfuturesAdapter.mjs';

export default rxfuturesAdapter({ id: 'rxfutures-thread', kind: 'thread', exportName: 'ThreadPoolExecutor' });
