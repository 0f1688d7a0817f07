// rxfutures AsyncExecutor with `taskContext: false`: no AsyncLocalStorage, so Node 20's promise hook stays off.
import { rxfuturesAdapter } from '../lib/rxfuturesAdapter.mjs';

export default rxfuturesAdapter({
  id: 'rxfutures-async-nocontext',
  kind: 'loop',
  exportName: 'AsyncExecutor',
  executorOptions: { taskContext: false },
});
