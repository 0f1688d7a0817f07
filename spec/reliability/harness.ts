/**
 * The reliability suite's shared harness: pools of both kinds made through one factory, a bounded wait for every
 * await, and the hygiene check of the row 16, run after every test by {@link reliabilitySuite}:
 * every future the test's pools returned has settled, no child process is left (checked by pid in /proc), no worker
 * thread is left, no listener is left on an AbortSignal the test made, and the process's active resources are back to
 * what they were before the test.
 *
 * Workers are recorded by wrapping `child_process.fork` and `worker_threads.Worker` while the suite runs (the pool
 * modules look both up at call time), so the check sees every worker any pool started, including replacements.
 */
import type { ChildProcess } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { Executor } from '../../src/executors/Executor';
import type { PoolExecutor, PoolOptions } from '../../src/executors/pool/PoolExecutor';
import type { PoolWorker } from '../../src/executors/pool/PoolWorker';
import type { Future } from '../../src/Future';
import { poolKinds, type PoolKind } from '../executors/poolKinds';

export { poolKinds, type PoolKind };

/** The longest any single wait in this suite may take. */
export const WAIT_MS = 30_000;
/** The longest a `shutdown()` may take. */
export const SHUTDOWN_MS = 10_000;
/** The longest a killed worker or process may take to be gone. */
export const KILL_MS = 5_000;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves or rejects as `promise` does, or rejects naming `what` if it has not settled within `ms`. */
export function bounded<T>(promise: PromiseLike<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([Promise.resolve(promise), limit]).finally(() => clearTimeout(timer));
}

/** Polls `condition` every 10 ms until it holds, or fails naming `what` after `ms` (at most {@link WAIT_MS}). */
export async function until(condition: () => boolean, what: string, ms = WAIT_MS): Promise<void> {
  const deadline = Date.now() + Math.min(ms, WAIT_MS);
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not true within ${ms} ms`);
    await sleep(10);
  }
}

/** `true` if the process runs; a zombie (exited, not yet reaped) is not. */
export function isAlive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Pids of the live (non-zombie) child processes of `pid`, read from /proc. */
export function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const [, rest] = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ');
      const [state, ppid] = rest.split(' ');
      if (Number(ppid) === pid && state !== 'Z') found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

// ---- worker recording -------------------------------------------------------------------------------------------

const children: ChildProcess[] = [];
const threads: Worker[] = [];

/** The worker thread with this thread id, as the pool started it (to `terminate()` it from outside). */
export function threadById(threadId: number): Worker {
  const thread = threads.find((candidate) => candidate.threadId === threadId);
  if (thread === undefined) throw new Error(`no recorded worker thread ${threadId}`);
  return thread;
}

/** The child process with this pid, as the pool forked it. */
export function childByPid(pid: number): ChildProcess {
  const child = children.find((candidate) => candidate.pid === pid);
  if (child === undefined) throw new Error(`no recorded child process ${pid}`);
  return child;
}

/** How many child processes and worker threads have been started since the suite began (recorded ones). */
export function spawnedCount(): number {
  return spawned;
}
let spawned = 0;

/** Wraps `fork` and `Worker` so every child process and worker thread started from now on is recorded. */
function record(): () => void {
  const cp = require('node:child_process') as { fork: (...args: unknown[]) => ChildProcess };
  const wt = require('node:worker_threads') as { Worker: new (...args: unknown[]) => Worker };
  const fork = cp.fork;
  const OriginalWorker = wt.Worker;
  cp.fork = function recordedFork(this: unknown, ...args: unknown[]) {
    const child = fork.apply(this, args);
    children.push(child);
    spawned++;
    return child;
  };
  wt.Worker = class RecordedWorker extends OriginalWorker {
    constructor(...args: unknown[]) {
      super(...args);
      threads.push(this);
      spawned++;
    }
  };
  return () => {
    cp.fork = fork;
    wt.Worker = OriginalWorker;
  };
}

/** Process ids of the workers a live pool holds now (thread ids for threads). */
function liveWorkerIds(pool: PoolExecutor): Set<number> {
  const workers = (pool as unknown as { workers: Set<{ handle?: { id: number } }> }).workers;
  return new Set([...workers].map((worker) => worker.handle?.id ?? -1));
}

/** The id (pid or thread id) of the worker holding `future`'s task, if a worker holds it. */
export function workerIdOf(pool: PoolExecutor, future: Future<unknown>): number | undefined {
  const workers = (pool as unknown as { workers: Set<PoolWorker> }).workers;
  for (const worker of workers) {
    for (const item of worker.held()) if (item.future === future) return worker.handle.id;
  }
  return undefined;
}

/**
 * Active resources by type. Timers are left out: jest's own hook and test timers come and go around every test, so
 * their count says nothing about the pool (whose timers are unref'd and not listed anyway).
 */
function countResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) {
    if (type !== 'Timeout' && type !== 'Immediate') counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return counts;
}

/** Resource types whose count is above the baseline, as `Type: before -> now`. */
function extraResources(baseline: Map<string, number>): string[] {
  const extra: string[] = [];
  for (const [type, count] of countResources()) {
    if (count > (baseline.get(type) ?? 0)) extra.push(`${type}: ${baseline.get(type) ?? 0} -> ${count}`);
  }
  return extra;
}

// ---- the suite --------------------------------------------------------------------------------------------------

/** What a reliability test gets from {@link reliabilitySuite}. */
export interface Harness {
  /** A pool of `kind` that is shut down (and checked) after this test. */
  make(kind: PoolKind, options?: PoolOptions): PoolExecutor;
  /** A pool of `kind` kept for every test of the enclosing `describe` (made lazily, checked after the last test). */
  shared(kind: PoolKind, options?: PoolOptions): PoolExecutor;
  /** An executor of another kind (AsyncExecutor) to track the same way. */
  track<E extends Executor>(executor: E): E;
  /** An AbortController whose signal must hold no listener after the test. */
  controller(): AbortController;
}

/**
 * Installs the harness for the enclosing `describe`: worker recording, the pool factory, and the row-16 hygiene
 * check after every test (shutdown of the test's pools within {@link SHUTDOWN_MS}, then every check within
 * {@link KILL_MS}).
 */
export function reliabilitySuite(): Harness {
  const local: Executor[] = [];
  const sharedPools = new Map<string, PoolExecutor>();
  const futures: Future<unknown>[] = [];
  const controllers: AbortController[] = [];
  let baseline = new Map<string, number>();
  let restore: () => void = () => undefined;

  const watch = <E extends Executor>(executor: E): E => {
    const submitWith = executor.submitWith.bind(executor);
    const submitChunk = executor.submitChunk.bind(executor);
    executor.submitWith = ((options, fn, ...args) => {
      const future = submitWith(options, fn, ...args);
      futures.push(future as Future<unknown>);
      return future;
    }) as typeof executor.submitWith;
    executor.submitChunk = (...args: Parameters<typeof submitChunk>) => {
      const future = submitChunk(...args);
      futures.push(future as Future<unknown>);
      return future;
    };
    return executor;
  };

  let suiteBaseline = new Map<string, number>();
  beforeAll(() => {
    restore = record();
    suiteBaseline = countResources();
  });
  beforeEach(() => {
    baseline = countResources();
  });

  afterEach(async () => {
    await bounded(
      Promise.all(local.splice(0).map((pool) => pool.shutdown({ cancelFutures: true, timeout: 500 }))),
      SHUTDOWN_MS,
      'shutdown of the test pools',
    );
    await checkHygiene([...sharedPools.values()]);
  });

  afterAll(async () => {
    const pools = [...sharedPools.values()];
    sharedPools.clear();
    await bounded(Promise.all(pools.map((pool) => pool.shutdown({ cancelFutures: true, timeout: 2000 }))), SHUTDOWN_MS, 'shutdown of the shared pools');
    baseline = suiteBaseline;
    await checkHygiene([]);
    restore();
  });

  async function checkHygiene(live: PoolExecutor[]): Promise<void> {
    const keep = new Set<number>();
    for (const pool of live) for (const id of liveWorkerIds(pool)) keep.add(id);
    // Every future settles, every signal is clean.
    const pending = futures.splice(0).filter((future) => !future.done());
    expect(pending.map((future) => future.state)).toEqual([]);
    for (const controller of controllers.splice(0)) expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    // No worker outlives its pool (live shared pools keep theirs).
    const leftChildren = () => children.filter((child) => !keep.has(child.pid ?? -1) && isAlive(child.pid ?? -1));
    const leftThreads = () => threads.filter((thread) => !keep.has(thread.threadId) && thread.threadId !== -1);
    await until(() => leftChildren().length === 0 && leftThreads().length === 0, 'every worker gone', KILL_MS).catch(() => undefined);
    expect(leftChildren().map((child) => child.pid)).toEqual([]);
    expect(leftThreads().map((thread) => thread.threadId)).toEqual([]);
    retain(children, (child) => keep.has(child.pid ?? -1));
    retain(threads, (thread) => keep.has(thread.threadId));
    // The process holds no more active resources (handles, requests, timers) than before the test.
    await until(() => extraResources(baseline).length === 0, 'active resources back to the baseline', KILL_MS).catch(() => undefined);
    expect(extraResources(baseline)).toEqual([]);
  }

  return {
    make(kind, options) {
      return watch(trackLocal(kind.create(options)));
    },
    shared(kind, options) {
      const key = `${kind.name} ${JSON.stringify(options ?? {})}`;
      let pool = sharedPools.get(key);
      if (pool === undefined) {
        pool = watch(kind.create(options));
        sharedPools.set(key, pool);
      }
      return pool;
    },
    track(executor) {
      return watch(trackLocal(executor));
    },
    controller() {
      const controller = new AbortController();
      controllers.push(controller);
      return controller;
    },
  };

  function trackLocal<E extends Executor>(executor: E): E {
    local.push(executor);
    return executor;
  }
}

/** Keeps only the elements of `list` that pass `test`, in place. */
function retain<T>(list: T[], test: (value: T) => boolean): void {
  const kept = list.filter(test);
  list.splice(0, list.length, ...kept);
}

/** The two `onWorkerExit` modes. */
export const modes = ['break', 'respawn'] as const;
