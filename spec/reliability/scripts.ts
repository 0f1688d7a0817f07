/** Runs `spec/fixtures/reliabilityScript.cjs` in its own Node process for the rows about whole programs. */
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { PoolKind } from './harness';

const script = join(__dirname, '..', 'fixtures', 'reliabilityScript.cjs');

/** `thread` or `process`, as the script takes it. */
export const scriptKind = (kind: PoolKind) => (kind.name === 'ThreadPoolExecutor' ? 'thread' : 'process');

/** Runs the script; resolves with its stdout lines if it exits by itself with code 0 within 15 s. */
export function runToExit(kind: PoolKind, mode: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, scriptKind(kind), mode], { timeout: 15_000, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${mode} did not exit by itself: ${error.message} ${stderr}`));
      else resolve(stdout.trim().split('\n'));
    });
  });
}

/** Starts the script in `parent` mode; resolves with the process and its workers' pids once it waits. */
export function startParent(kind: PoolKind): Promise<{ pid: number; workerPids: number[]; kill(): void }> {
  const child = spawn(process.execPath, [script, scriptKind(kind), 'parent'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the parent script did not start within 15 s'));
    }, 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes('waiting to be killed')) return;
      clearTimeout(timer);
      const { pids } = JSON.parse(out.split('\n')[0]) as { pids: number[] };
      resolve({ pid: child.pid!, workerPids: pids, kill: () => child.kill('SIGKILL') });
    });
    child.on('error', reject);
  });
}
