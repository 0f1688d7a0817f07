// tinypool over worker threads.
import { tinypoolAdapter } from '../lib/tinypoolAdapter.mjs';

export default tinypoolAdapter({ id: 'tinypool', runtime: 'worker_threads' });
