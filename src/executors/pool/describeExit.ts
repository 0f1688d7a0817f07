import type { WorkerExit } from './PoolExecutor';

/**
 * How a worker ended, for error messages: `ProcessPoolExecutor-0_1 exited with code 3` or `... was killed by SIGKILL`.
 *
 * @example
 * ```ts
 * describeExit({ workerName: 'P-0_0', exitCode: null, signal: 'SIGKILL', cause: undefined }); // 'P-0_0 was killed by SIGKILL'
 * ```
 */
export function describeExit(exit: WorkerExit): string {
  if (exit.signal !== null) return `${exit.workerName} was killed by ${exit.signal}`;
  if (exit.exitCode !== null) return `${exit.workerName} exited with code ${exit.exitCode}`;
  return `${exit.workerName} could not start`;
}
