// workerpool over child processes.
import { workerpoolAdapter } from '../lib/workerpoolAdapter.mjs';

export default workerpoolAdapter({ id: 'workerpool-process', workerType: 'process' });
