import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PoolEvent } from '../../src/executors/pool/PoolStats';
import { ProcessPoolExecutor } from '../../src/executors/ProcessPoolExecutor';
import { ThreadPoolExecutor } from '../../src/executors/ThreadPoolExecutor';
import { ExecutorShutdownError } from '../../src/errors/ExecutorShutdownError';
import { poolKinds, poolTracker } from './poolKinds';

const script = join(__dirname, '..', 'fixtures', 'poolExits.cjs');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `true` if the process runs; a zombie (exited, parent gone, not yet reaped by this container's init) is not. */
function isAlive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Runs the exit fixture; resolves with its stdout if it exits by itself with code 0 within 15 s. */
function runScript(kind: string, mode: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, kind, mode], { timeout: 15_000, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${kind}/${mode} did not exit cleanly: ${error.message} ${stderr}`));
      else resolve(stdout);
    });
  });
}

describe.each(poolKinds)('$name lifecycle', (kind) => {
  const pools = poolTracker();
  afterEach(() => pools.cleanup());
  const short = kind.name === 'ThreadPoolExecutor' ? 'thread' : 'process';

  it.each(['shutdown', 'leave', 'pending'])('a program that uses a pool (%s) exits by itself and leaves no worker', async (mode) => {
    const stdout = await runScript(short, mode);
    const { pids } = JSON.parse(stdout.split('\n')[0]) as { pids: number[] };
    if (mode === 'pending') expect(stdout).toContain('late');
    if (short === 'process') {
      await sleep(100);
      for (const pid of pids) expect(isAlive(pid)).toBe(false);
    }
  });

  it('replaces a worker after maxTasksPerChild tasks (worker ids change) and runs every task', async () => {
    const pool = pools.make(kind, { maxWorkers: 1, maxTasksPerChild: 2 });
    const ids = await Promise.all(Array.from({ length: 8 }, () => pool.submit(kind.workerId)));
    expect(new Set(ids).size).toBe(4);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[1]).not.toBe(ids[2]);
  });

  it('starts workers lazily: one task on an idle pool uses one worker', async () => {
    const pool = pools.make(kind, { maxWorkers: 2 });
    const events: PoolEvent[] = [];
    pool.events.subscribe((event) => events.push(event));
    await pool.submit(() => 1);
    await pool.submit(() => 2);
    expect(events.filter((e) => e.type === 'workerStart')).toHaveLength(1);
  });

  it('lets idle workers exit after idleTimeout and starts a new one for new work', async () => {
    const pool = pools.make(kind, { maxWorkers: 1, idleTimeout: 50 });
    const events: PoolEvent[] = [];
    pool.events.subscribe((event) => events.push(event));
    const first = await pool.submit(kind.workerId);
    for (let i = 0; i < 500 && !events.some((e) => e.type === 'workerExit'); i++) await sleep(10);
    expect(events.map((e) => e.type)).toContain('workerExit');
    await expect(pool.submit(kind.workerId)).resolves.not.toBe(first);
  });

  it('reports events with stats: counts and time summaries', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const events: PoolEvent[] = [];
    const subscription = pool.events.subscribe((event) => events.push(event));
    await Promise.all([pool.submit(() => 1), pool.submit(() => { throw new Error('x'); }).exception()]);
    subscription.unsubscribe();
    const last = events[events.length - 1].stats;
    expect(last).toMatchObject({ completed: 1, failed: 1, queued: 0, running: 0, workers: 1 });
    expect(last.runTime.count).toBe(2);
    expect(last.waitTime.count).toBe(2);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['taskQueued', 'workerStart', 'workerReady', 'taskStart', 'taskEnd']));
  });

  it('shutdown waits for queued work, then refuses new work', async () => {
    const pool = pools.make(kind, { maxWorkers: 2 });
    const futures = Array.from({ length: 10 }, (_, i) => pool.submit((n: number) => new Promise((r) => setTimeout(() => r(n), 10)), i));
    await pool.shutdown();
    expect(futures.every((f) => f.state === 'FINISHED')).toBe(true);
    expect(() => pool.submit(() => 1)).toThrow(ExecutorShutdownError);
  });

  it('shutdown completes even when a worker is stuck in a loop a finished task left behind', async () => {
    const pool = kind.create({ maxWorkers: 1 });
    await pool.submit(() => {
      setTimeout(() => {
        for (;;);
      }, 10);
      return 'left a trap';
    });
    await sleep(100);
    const started = Date.now();
    await pool.shutdown();
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('shutdown({ cancelFutures }) cancels queued tasks and finishes running ones', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const running = pool.submit(() => new Promise((r) => setTimeout(() => r('done'), 100)));
    const queued = Array.from({ length: 20 }, () => pool.submit(() => 1));
    while (!running.running()) await sleep(5);
    await pool.shutdown({ cancelFutures: true });
    await expect(running).resolves.toBe('done');
    expect(queued.every((f) => f.cancelled())).toBe(true);
  });

  it.each([
    [{ maxTasksPerChild: 0 }, RangeError, /maxTasksPerChild.*0/],
    [{ maxTasksPerChild: 1.5 }, RangeError, /maxTasksPerChild.*1\.5/],
    [{ idleTimeout: -1 }, RangeError, /idleTimeout.*-1/],
    [{ abortGraceMs: 'x' }, TypeError, /abortGraceMs.*"x"/],
    [{ onWorkerExit: 'restart' }, TypeError, /onWorkerExit.*"restart"/],
    [{ maxWorkers: 0 }, RangeError, /maxWorkers.*0/],
  ])('rejects bad options %p', (options, ErrorClass, message) => {
    expect(() => kind.create(options as never)).toThrow(ErrorClass);
    expect(() => kind.create(options as never)).toThrow(message);
  });
});

describe('ProcessPoolExecutor children and their parent', () => {
  it('children exit when their parent is SIGKILLed (they notice the IPC channel close)', async () => {
    const parent = spawn(process.execPath, [script, 'process', 'hold'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      parent.stdout.once('data', (data: Buffer) => resolve(data.toString()));
      parent.once('exit', () => reject(new Error('the parent exited early')));
    });
    const { pids } = JSON.parse(line.split('\n')[0]) as { pids: number[] };
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) expect(isAlive(pid)).toBe(true);
    const exited = new Promise((resolve) => parent.once('exit', resolve));
    parent.kill('SIGKILL');
    await exited;
    for (let i = 0; i < 500 && pids.some(isAlive); i++) await sleep(10);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
  });
});

describe('pool-specific options', () => {
  it('validates resourceLimits, execArgv and env', () => {
    expect(() => new ThreadPoolExecutor({ resourceLimits: 5 as never })).toThrow(TypeError);
    expect(() => new ProcessPoolExecutor({ execArgv: [1] as never })).toThrow(/execArgv/);
    expect(() => new ProcessPoolExecutor({ env: 'x' as never })).toThrow(/env/);
  });

  it('passes env and execArgv to child processes', async () => {
    const pool = new ProcessPoolExecutor({ maxWorkers: 1, env: { ...process.env, POOL_SPEC: 'yes' }, execArgv: ['--stack-size=900'] });
    try {
      await expect(pool.submit(() => [process.env.POOL_SPEC, process.execArgv.join(' ')])).resolves.toEqual(['yes', '--stack-size=900']);
    } finally {
      await pool.shutdown();
    }
  });
});
