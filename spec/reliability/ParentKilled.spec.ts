/**
 * Row 12: a process that uses a process pool is SIGKILLed (no exit handler runs): none of its child processes
 * survives it, whether idle (it notices the closed IPC channel) or stuck in a synchronous loop. (A worker thread
 * cannot outlive its process.)
 */
import { childrenOf, isAlive, KILL_MS, poolKinds, reliabilitySuite, until } from './harness';
import { startParent } from './scripts';

describe('ProcessPoolExecutor row 12: the parent process is SIGKILLed', () => {
  reliabilitySuite();
  const kind = poolKinds[1];

  /** Starts the script, waits for its two workers, SIGKILLs it; resolves with the workers' pids. */
  async function killParent(mode: 'parent' | 'parent-busy'): Promise<number[]> {
    const parent = await startParent(kind, mode);
    let workers: number[] = [];
    try {
      await until(() => (workers = childrenOf(parent.pid)).length === 2, 'the parent has two workers');
    } finally {
      parent.kill();
    }
    await until(() => !isAlive(parent.pid), 'the parent is gone', KILL_MS);
    return workers;
  }

  it('no child process survives it: every worker pid is gone within 5 s (looped)', async () => {
    for (let round = 0; round < 2; round++) {
      const workers = await killParent('parent');
      await until(() => workers.every((pid) => !isAlive(pid)), 'every orphaned worker is gone', KILL_MS);
    }
  });

  /** A child whose event loop is blocked never sees the channel close: something else must end it. */
  it('no child survives it even while it runs while (true) {}', async () => {
    const workers = await killParent('parent-busy');
    try {
      await until(() => workers.every((pid) => !isAlive(pid)), 'every orphaned worker is gone', KILL_MS);
    } finally {
      for (const pid of workers.filter(isAlive)) process.kill(pid, 'SIGKILL');
    }
  });
});
