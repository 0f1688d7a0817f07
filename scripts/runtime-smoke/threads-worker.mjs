// The threads.js worker module of the ThreadsJsExecutor smoke: exposes its functions to the executor.
import { expose } from 'threads/worker';

expose({ add: (a, b) => a + b, double: (n) => n * 2 });
