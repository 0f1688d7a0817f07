// poolifier's FixedClusterPool over cluster worker processes.
import { poolifierAdapter } from '../lib/poolifierAdapter.mjs';

export default poolifierAdapter({ id: 'poolifier-cluster', poolClass: 'FixedClusterPool' });
