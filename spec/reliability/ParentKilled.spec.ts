/**
 * Row 12: a process that uses a process pool is SIGKILLed (no exit handler runs): its child processes notice the
 * closed IPC channel and exit, so none survives it. (A worker thread cannot outlive its process.)
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

  /**
   * Known gap: a child whose event loop is blocked (while (true) {}) never sees the IPC channel close, so it outlives
   * its SIGKILLed parent. Marked `failing` so the suite notices the day it is fixed; the orphan is killed here.
   */
  it.failing('no child survives it even while it runs while (true) {}', async () => {
    const workers = await killParent('parent-busy');
    try {
      await until(() => workers.every((pid) => !isAlive(pid)), 'every orphaned worker is gone', KILL_MS);
    } finally {
      for (const pid of workers.filter(isAlive)) process.kill(pid, 'SIGKILL');
    }
  });
});
