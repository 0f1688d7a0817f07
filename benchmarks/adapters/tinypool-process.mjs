// tinypool over child processes (its `runtime: 'child_process'`).
import { tinypoolAdapter } from '../lib/tinypoolAdapter.mjs';

export default tinypoolAdapter({ id: 'tinypool-process', runtime: 'child_process' });
