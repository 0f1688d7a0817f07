// workerpool over worker threads.
import { workerpoolAdapter } from '../lib/workerpoolAdapter.mjs';

export default workerpoolAdapter({ id: 'workerpool', workerType: 'thread' });
