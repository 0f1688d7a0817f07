import { ThreadPoolExecutor } from '../../src/executors/ThreadPoolExecutor';
import { describeExecutorContract } from './executorContract';

// The pool-specific rules, shared with ProcessPoolExecutor, are in Pool*.spec.ts (describe.each over both kinds).
describeExecutorContract('ThreadPoolExecutor', (options) => new ThreadPoolExecutor(options));
