// poolifier's FixedThreadPool over worker threads.
import { poolifierAdapter } from '../lib/poolifierAdapter.mjs';

export default poolifierAdapter({ id: 'poolifier-thread', poolClass: 'FixedThreadPool' });
