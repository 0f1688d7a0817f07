// rxfutures ThreadPoolExecutor with module tasks (`moduleTask(file, name)`, as the peers load their worker files).
import { rxfuturesAdapter } from '../lib/rxfuturesAdapter.mjs';

export default rxfuturesAdapter({
  id: 'rxfutures-thread-module',
  kind: 'thread',
  exportName: 'ThreadPoolExecutor',
  tasks: 'module',
});
