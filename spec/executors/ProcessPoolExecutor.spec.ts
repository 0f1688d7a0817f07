import { ProcessPoolExecutor } from '../../src/executors/ProcessPoolExecutor';
import { describeExecutorContract } from './executorContract';

// The pool-specific rules, shared with ThreadPoolExecutor, are in Pool*.spec.ts (describe.each over both kinds).
describeExecutorContract('ProcessPoolExecutor', (options) => new ProcessPoolExecutor(options));
