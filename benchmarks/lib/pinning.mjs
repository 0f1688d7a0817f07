// Pinning a table's measurement processes to one CPU (`taskset -c 0`), where `taskset` exists: a round trip then
// has no cross-CPU wake-up, which on a small VM costs more than any pool's own work.
import { spawnSync } from 'node:child_process';

/** The command prefix that pins a process to CPU 0. */
export const PIN_PREFIX = ['taskset', '-c', '0'];

/** { available, note }: whether `taskset -c 0` works here, and the sentence the report shows under a pinned table. */
export function describePinning() {
  const probe = spawnSync(PIN_PREFIX[0], [...PIN_PREFIX.slice(1), process.execPath, '-e', ''], { stdio: 'ignore' });
  const available = probe.status === 0;
  return {
    available,
    note: available
      ? 'Pinned: each measurement process of this table ran under `taskset -c 0` (its worker threads and child processes inherit the CPU)'
      : `**Not pinned**: \`taskset -c 0\` is not available here (${probe.error?.code ?? `exit ${probe.status}`}), so these figures include cross-CPU wake-ups like the unpinned table`,
  };
}
