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

/** Starts the script in a `parent` mode; resolves once its pool holds tasks that never end. */
export function startParent(kind: PoolKind, mode: 'parent' | 'parent-busy'): Promise<{ pid: number; kill(): void }> {
  const child = spawn(process.execPath, [script, scriptKind(kind), mode], { stdio: ['ignore', 'pipe', 'inherit'] });
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
      resolve({ pid: child.pid!, kill: () => child.kill('SIGKILL') });
    });
    child.on('error', reject);
  });
}
