// The runtime smoke (issue 17): run by scripts/runtime-smoke.mjs under Node, Bun and Deno, from an app that installed
// the packed tarball. Each check prints one "ok <name>" line or throws; the program must then exit by itself (every
// pool shut down, nothing left running), which the runner checks with a time limit.
import { AsyncExecutor, ProcessPoolExecutor, ThreadPoolExecutor, taskSignal, wait, asCompleted } from 'rxfutures';
import { mapOrdered, mapUnordered } from 'rxfutures/operators';
import { from, lastValueFrom, toArray } from 'rxjs';

const WAIT_MS = 30_000;
const runtime = typeof globalThis.Bun !== 'undefined' ? 'bun' : typeof globalThis.Deno !== 'undefined' ? 'deno' : 'node';

function same(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

async function basics(Executor) {
  const ex = new Executor({ maxWorkers: 2 });
  try {
    same(await ex.submit((n) => n * 2, 21).result(WAIT_MS), 42, `${Executor.name} submit`);
    const mapped = [];
    for await (const value of ex.map((a, b) => a + b, [1, 2, 3, 4, 5], [10, 20, 30, 40, 50], { chunksize: 2 })) mapped.push(value);
    same(mapped, [11, 22, 33, 44, 55], `${Executor.name} map`);
    const ordered = await lastValueFrom(from([3, 1, 2]).pipe(mapOrdered(ex, (n) => n * 10), toArray()));
    same(ordered, [30, 10, 20], `${Executor.name} mapOrdered`);
    const unordered = await lastValueFrom(from([3, 1, 2]).pipe(mapUnordered(ex, (n) => n + 1), toArray()));
    same(unordered.sort(), [2, 3, 4], `${Executor.name} mapUnordered`);
    const futures = [1, 2, 3].map((n) => ex.submit((x) => x * x, n));
    const { done } = await wait(futures, { timeout: WAIT_MS });
    same(done.size, 3, `${Executor.name} wait`);
    const seen = [];
    for await (const future of asCompleted(futures, { timeout: WAIT_MS })) seen.push(future.result(0));
    same((await Promise.all(seen)).sort(), [1, 4, 9], `${Executor.name} asCompleted`);
  } finally {
    await ex.shutdown();
  }
  console.log(`ok ${Executor.name}: submit, map, mapOrdered, mapUnordered, wait, asCompleted`);
}

/** A worker process that dies: 'break' breaks the pool, 'respawn' fails only its task and goes on. */
async function crash(onWorkerExit) {
  const ex = new ProcessPoolExecutor({ maxWorkers: 1, onWorkerExit });
  try {
    const dead = await ex.submit(() => process.exit(3)).exception(WAIT_MS);
    if (dead === null) throw new Error(`crash (${onWorkerExit}): the task did not fail`);
    if (onWorkerExit === 'break') {
      same(ex.isBroken, true, 'crash (break): isBroken');
    } else {
      same(await ex.submit((n) => n + 1, 1).result(WAIT_MS), 2, 'crash (respawn): the next task');
    }
    console.log(`ok process crash, onWorkerExit '${onWorkerExit}': ${dead.constructor.name}`);
  } finally {
    await ex.shutdown();
  }
}

/** A running task aborted through its signal: it sees the abort, and its future fails with the reason. */
async function abort(Executor) {
  const ex = new Executor({ maxWorkers: 1 });
  try {
    const controller = new AbortController();
    const running = ex.submitWith({ signal: controller.signal }, async () => {
      const { taskSignal: signal } = require('rxfutures');
      await new Promise((resolve) => signal().addEventListener('abort', resolve));
      return 'stopped';
    });
    while (!running.running()) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort(new Error('enough'));
    const error = await running.exception(WAIT_MS);
    same(error?.message, 'enough', `${Executor.name} abort`);
    same(await ex.submit((n) => n, 7).result(WAIT_MS), 7, `${Executor.name} after the abort`);
  } finally {
    await ex.shutdown();
  }
  console.log(`ok ${Executor.name}: abort of a running task`);
}

/**
 * Large buffer arguments of a process pool (issue 16): through the child's shared-memory file where the runtime can
 * pass and read it, in the IPC messages where it cannot; the task sees the same either way, in order.
 */
async function largeBuffers() {
  const ex = new ProcessPoolExecutor({ maxWorkers: 2 });
  try {
    const sizes = [1000, 64 * 1024, 300_000, 1 << 20];
    const args = Array.from({ length: 24 }, (_, i) => {
      const bytes = new Uint8Array(sizes[i % sizes.length]).map((_, j) => (j + i) & 255);
      return i % 3 === 0 ? bytes.buffer : i % 3 === 1 ? Buffer.from(bytes.buffer) : new Float64Array(bytes.buffer, 0, bytes.length >> 3);
    });
    const summary = (value) => {
      const view = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      return [Object.prototype.toString.call(value), view.length, view[0], view[view.length - 1]];
    };
    const seen = await Promise.all(args.map((arg) => ex.submit((value) => {
      const view = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      return [Object.prototype.toString.call(value), view.length, view[0], view[view.length - 1]];
    }, arg).result(WAIT_MS)));
    same(seen, args.map(summary), 'ProcessPoolExecutor large buffers');
  } finally {
    await ex.shutdown();
  }
  console.log('ok ProcessPoolExecutor: large buffer arguments, in order');
}

void taskSignal;
console.log(`runtime ${runtime}`);
for (const Executor of [AsyncExecutor, ThreadPoolExecutor, ProcessPoolExecutor]) await basics(Executor);
await crash('break');
await crash('respawn');
for (const Executor of [ThreadPoolExecutor, ProcessPoolExecutor]) await abort(Executor);
await largeBuffers();
// Pools left to themselves: idle workers must not keep the program alive.
const idle = new ThreadPoolExecutor({ maxWorkers: 1 });
same(await idle.submit(() => 'idle').result(WAIT_MS), 'idle', 'idle pool');
const idleProcesses = new ProcessPoolExecutor({ maxWorkers: 1 });
same(await idleProcesses.submit(() => 'idle').result(WAIT_MS), 'idle', 'idle process pool');
console.log('ok idle pools not shut down let the program exit');
console.log('smoke done');
