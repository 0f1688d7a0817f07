// rxfutures AsyncExecutor: tasks run on the event loop, `maxWorkers` at a time (the executor's own overhead).
import { rxfuturesAdapter } from '../lib/rxfuturesAdapter.mjs';

export default rxfuturesAdapter({ id: 'rxfutures-async', kind: 'loop', exportName: 'AsyncExecutor' });
