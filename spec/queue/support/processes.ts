/** Worker and client processes (each its own "machine") for the fault specs; they run the built package (dist/). */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const fixtures = join(__dirname, '../../fixtures');

/** A child process and the lines it printed. */
export interface Child {
  readonly process: ChildProcess;
  readonly lines: string[];
  /** Resolves with the first line starting with `prefix`. */
  line(prefix: string, ms?: number): Promise<string>;
  /** Kills it (SIGKILL by default) and waits for its exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

function start(script: string, args: string[]): Child {
  const child = spawn(process.execPath, [join(fixtures, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    lines.push(...parts);
    for (const waiter of waiters.splice(0)) waiter();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    lines,
    async line(prefix, ms = 20_000) {
      const end = Date.now() + ms;
      for (;;) {
        const found = lines.find((line) => line.startsWith(prefix));
        if (found !== undefined) return found;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${script} exited before printing "${prefix}": ${lines.join(' | ')}`);
        if (Date.now() > end) throw new Error(`${script} did not print "${prefix}" in time: ${lines.join(' | ')}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Starts a worker process with these runWorker options (tasks: the specs' tasks module); resolves once it takes jobs. */
export async function workerProcess(options: Record<string, unknown>): Promise<Child> {
  const child = start('queueWorkerProcess.cjs', [JSON.stringify(options)]);
  await child.line('ready');
  return child;
}

/** Starts a client process that submits `count` square jobs with these QueueExecutor options. */
export function clientProcess(options: Record<string, unknown>, count: number): Child {
  return start('queueClientProcess.cjs', [JSON.stringify(options), String(count)]);
}
