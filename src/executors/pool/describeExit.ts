import type { WorkerExit } from '../../errors/WorkerExit';

/**
 * How a worker ended, for error messages: `ProcessPoolExecutor-0_1 exited with code 3` or `... was killed by SIGKILL`.
 * Running out of memory is said so: for certain on a thread (Node reports `ERR_WORKER_OUT_OF_MEMORY`), as the likely
 * cause on a process that aborted (V8 aborts a process whose heap is full, with SIGABRT, or exit code 134 through a
 * shell; other aborts are rare).
 *
 * @example
 * ```ts
 * describeExit({ workerName: 'P-0_0', exitCode: null, signal: 'SIGKILL', cause: undefined }); // 'P-0_0 was killed by SIGKILL'
 * ```
 */
export function describeExit(exit: WorkerExit): string {
  const { workerName, exitCode, signal } = exit;
  if ((exit.cause as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return `${workerName} ran out of memory and exited with code ${exitCode}: raise resourceLimits.maxOldGenerationSizeMb, or use less memory`;
  }
  const abort = signal === 'SIGABRT' || (signal === null && exitCode === 134);
  const likelyOom = abort ? ', out of memory (likely): raise --max-old-space-size in execArgv, or use less memory' : '';
  if (signal !== null) return `${workerName} was killed by ${signal}${likelyOom}`;
  if (exitCode !== null) return `${workerName} exited with code ${exitCode}${likelyOom}`;
  return `${workerName} could not start`;
}
