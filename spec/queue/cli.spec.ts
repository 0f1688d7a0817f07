/** The `rxfutures worker` command (package.json bin, built to dist/): flags, help, signals. */
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { namedTask } from '../../src/queue';
import type * as tasks from '../fixtures/queueTasks.cjs';
import { queueHarness, TASKS_MODULE } from './support/harness';
import { describeWithRedis, REDIS_URL } from './support/redis';

const cli = join(__dirname, '../../dist/cjs/src/queue/cli.js');
const sleepTask = namedTask<typeof tasks.sleep>('sleep');

function runCli(args: string[]): { code: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 20_000, stdio: 'pipe' });
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Starts `rxfutures worker` and resolves once it logged its start line. */
async function startWorker(queue: string) {
  const child = spawn(process.execPath, [cli, 'worker', '--queue', queue, '--redis', REDIS_URL, '--tasks', TASKS_MODULE, '--pool', 'async', '--max-workers', '1'], {
    env: { ...process.env, RXFUTURES_SECRET: 'cli-secret' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (let i = 0; i < 400 && !stderr.includes("queue '"); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return { child, exit, stderr: () => stderr };
}

describe('rxfutures command line', () => {
  it('documents every flag in --help', () => {
    const { code, stdout } = runCli(['worker', '--help']);
    expect(code).toBe(0);
    for (const flag of ['--queue', '--tasks', '--redis', '--pool', '--max-workers', '--allow-inline', '--lost-worker-timeout',
      '--max-stalled-count', '--max-payload-bytes', '--prefix', '--name', 'RXFUTURES_SECRET']) {
      expect(stdout).toContain(flag);
    }
    expect(runCli(['--help']).stdout).toContain('worker');
  });

  it('refuses unknown flags, missing required ones and unknown commands with exit code 2', () => {
    expect(runCli(['worker', '--bogus'])).toMatchObject({ code: 2 });
    expect(runCli(['worker', '--queue', 'q'])).toMatchObject({ code: 2 });
    expect(runCli(['worker', '--queue', 'q', '--tasks', 't.js', '--max-workers', 'many'])).toMatchObject({ code: 2 });
    expect(runCli(['serve'])).toMatchObject({ code: 2 });
  });

  it('a tasks module that fails to load: the worker refuses to start, saying why', () => {
    const { code, stderr } = runCli(['worker', '--queue', 'q', '--tasks', join(__dirname, 'no-such-tasks.js')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/tasks module .*no-such-tasks\.js could not be loaded/);
  });
});

describeWithRedis('rxfutures worker', () => {
  const { newQueue, executor } = queueHarness({ executor: { secret: 'cli-secret' } });

  it('runs jobs; SIGTERM lets the running job finish, then exits 0', async () => {
    const queue = newQueue('cli');
    const { exit, child } = await startWorker(queue);
    const ex = executor(queue);
    await expect(ex.submit(sleepTask, 1, 'first').result(10_000)).resolves.toBe('first');
    const running = ex.submit(sleepTask, 800, 'finished');
    for (let i = 0; i < 500 && !running.running(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    child.kill('SIGTERM');
    await expect(running.result(10_000)).resolves.toBe('finished');
    expect(await exit).toBe(0);
  });

  it('a second signal exits at once', async () => {
    const queue = newQueue('cli2');
    const { exit, child, stderr } = await startWorker(queue);
    const ex = executor(queue);
    const running = ex.submit(sleepTask, 20_000, 'never');
    for (let i = 0; i < 500 && !running.running(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGINT');
    expect(await exit).toBe(130);
    expect(stderr()).toContain('exiting at once');
    running.cancel();
  });
});
