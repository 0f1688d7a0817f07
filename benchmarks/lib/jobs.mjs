// Runs one measurement job in its own process (Node for most rows, python3 for Python's) and returns its samples.
// A Python adapter may name its own interpreter and script (`python()` → { command, script }, as Dask's does).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { benchDir, rootDir } from './paths.mjs';
import { runtimeCommand } from './runtime.mjs';
import { PIN_PREFIX } from './pinning.mjs';

/**
 * Runs `job` = { adapter, row, table, workers, pin, flags, warmup, reps } and resolves { samples, unit } or { error }.
 * With `pin`, the process (and so its workers) runs under `taskset -c 0`.
 * A job that outlives `timeoutMs` is killed with its whole process group (its pool's workers too).
 */
export function runJob(job, timeoutMs) {
  const { adapter, row, table } = job;
  const spec = {
    op: row.op,
    size: row.size,
    warmup: job.warmup,
    reps: job.reps,
    workers: job.workers,
    args: adapter.runtime === 'python' ? (table.pythonArgs ?? row.args) : row.args,
  };
  const [bareCommand, bareArgs] =
    adapter.runtime === 'python'
      ? (({ command, script }) => [command, [join(benchDir, script), JSON.stringify({ ...spec, kind: adapter.pythonKind })]])(
          adapter.python?.() ?? { command: 'python3', script: 'python/futures_bench.py' },
        )
      : (([runtime, ...pre]) => [
          runtime,
          [...pre, join(benchDir, 'lib/measure.mjs'), JSON.stringify({ ...spec, adapter: row.adapter, flags: job.flags })],
        ])(runtimeCommand(job.runtime ?? 'node', table.nodeFlags ?? []));
  const [command, args] = job.pin ? [PIN_PREFIX[0], [...PIN_PREFIX.slice(1), bareCommand, ...bareArgs]] : [bareCommand, bareArgs];
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: rootDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child.pid);
    stopJobsOnSignals();
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on('error', (error) => resolve({ error: error.message }));
    child.on('close', (code) => {
      clearTimeout(timer);
      running.delete(child.pid);
      killGroup(child.pid); // whatever the job left behind (a pool that did not close) goes with it
      const last = stdout.trim().split('\n').pop() ?? '';
      if (timedOut) resolve({ error: `timed out after ${Math.round(timeoutMs / 1000)} s` });
      else if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last));
      else if (last.startsWith('{')) resolve({ ...JSON.parse(last), warning: exitWarning(code) });
      else resolve({ error: firstErrorLine(stderr) ?? `exited with code ${code}` });
    });
  });
}

/** The process groups of the jobs running now. */
const running = new Set();
let signalsHandled = false;

/**
 * A job runs in a process group of its own (detached), which a Ctrl-C on the runner's terminal does not reach: on
 * SIGINT or SIGTERM the runner kills the groups of its running jobs (their pools' workers and Dask's cluster too),
 * then exits as the signal would have it.
 */
function stopJobsOnSignals() {
  if (signalsHandled) return;
  signalsHandled = true;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
    process.once(signal, () => {
      for (const pid of running) killGroup(pid);
      process.exit(code);
    });
  }
}

/** Why a job that printed its figures did not exit cleanly: the figures stand, the table flags the exit. */
function exitWarning(code) {
  return code === 13
    ? 'after measuring, `await close()` never settled and the process exited with code 13 (unfinished top-level await): the shutdown promise waited on handles that did not keep the event loop alive'
    : `exited with code ${code} after measuring`;
}

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
}

/** The line of a stack dump or traceback that says what went wrong. */
function firstErrorLine(stderr) {
  const lines = stderr.split('\n').map((line) => line.trim());
  return (
    lines.find((line) => /^(\w*Error|Exception|AssertionError)\b.*:/.test(line)) ??
    lines.find((line) => /error/i.test(line) && !/Warning/.test(line)) ??
    lines.find(Boolean)
  );
}
