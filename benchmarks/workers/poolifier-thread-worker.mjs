// poolifier thread worker: the shared task bodies, registered by name.
import { ThreadWorker } from 'poolifier';
import tasks from './tasks.cjs';

export default new ThreadWorker(tasks);
