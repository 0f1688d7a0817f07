// The machine and software a run measured on, for the header of the results.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { pythonVersion } from './pythonAdapter.mjs';
import { rootDir } from './paths.mjs';

/** A snapshot of the machine: CPU, cores, memory, OS, Node, Python, commit, load. */
export function describeMachine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown CPU',
    cores: os.availableParallelism(),
    memoryGiB: os.totalmem() / 2 ** 30,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    python: pythonVersion() ?? 'none',
    commit: git(['rev-parse', '--short', 'HEAD']) + (git(['status', '--porcelain']) ? ' (with local changes)' : ''),
    loadBefore: os.loadavg(),
  };
}

function git(args) {
  try {
    return execFileSync('git', args, { cwd: rootDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}
