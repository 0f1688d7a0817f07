/**
 * Task spans of the worker pools, timed by the worker (issue 15): a traced task carries its trace context to the
 * worker, which runs the task's code with it and sends back when that code started and ended; an untraced task
 * carries and gets back nothing more (see the worker protocol in src/worker/protocol.ts).
 */
import { join } from 'node:path';
import { trace, type SpanContext } from '@opentelemetry/api';
import { lastValueFrom, toArray } from 'rxjs';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { AsyncExecutor, SerializationError, taskTraceContext } from '../../src';
import type { PoolExecutor } from '../../src/executors/pool/PoolExecutor';
import type { WorkerEvents, WorkerHandle } from '../../src/executors/pool/WorkerHandle';
import { ThreadsJsExecutor } from '../../src/executors/ThreadsJsExecutor';
import { RESULTS, RUN, TIMED, TRACED, type FromWorker, type ToWorker } from '../../src/worker/protocol';
import { poolKinds, poolTracker } from '../executors/poolKinds';
import { recordSpans } from './support/recordSpans';

const { provider, taskSpans } = recordSpans();

/** A span time (seconds, nanoseconds since the epoch) in milliseconds. */
const ms = ([seconds, nanoseconds]: [number, number]) => seconds * 1e3 + nanoseconds / 1e6;

/** Keeps this thread busy for `duration` ms (a pool task's body, and the submitting process's own stall). */
function busyFor(duration: number): number {
  const end = performance.now() + duration;
  while (performance.now() < end);
  return duration;
}

/** The messages of every worker a pool starts, both ways, as the transport carries them. */
function tapWire(pool: PoolExecutor): { sent: ToWorker[]; received: FromWorker[] } {
  const wire = { sent: [] as ToWorker[], received: [] as FromWorker[] };
  const target = pool as unknown as { startWorker(name: string, events: WorkerEvents): WorkerHandle };
  const startWorker = target.startWorker.bind(pool);
  target.startWorker = (name, events) => {
    const handle = startWorker(name, {
      ...events,
      message: (message) => {
        wire.received.push(message);
        events.message(message);
      },
    });
    const send = handle.send.bind(handle);
    handle.send = (message, transfer) => {
      wire.sent.push(message);
      send(message, transfer);
    };
    return handle;
  };
  return wire;
}

/** The tasks of the `RUN` messages, and the outcomes of the `RESULTS` messages, in order. */
function runsAndResults(wire: { sent: ToWorker[]; received: FromWorker[] }) {
  const tasks = wire.sent.flatMap((message) => (message[0] === RUN ? message[2] : []));
  const outcomes = wire.received.flatMap((message) => (message[0] === RESULTS ? message[1] : []));
  return { tasks, outcomes };
}

const spanNamed = (spans: ReadableSpan[], name: string) => spans.find((span) => span.attributes['code.function'] === name)!;

describe.each(poolKinds)('worker-timed task spans on $name', (kind) => {
  const pools = poolTracker();
  afterEach(() => pools.cleanup());

  it('times a task by its run in the worker: queued covers all its wait, run is its own, and the span ends when its code did', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    // A slow first answer: the worker holds one task at a time, so the target does not travel with the blocker (a
    // quick answer would let the worker hold two, and the target would run right after the blocker, before the stall).
    await pool.submit(() => {
      const end = performance.now() + 80;
      while (performance.now() < end);
    });
    // The blocker runs 200 ms, answers, then keeps its worker busy 300 ms more, out of the pool's sight: the target,
    // sent as the blocker's answer is read, sits in the worker until then. The stall is a microtask, which runs
    // before the worker takes its next message: with setImmediate, a target that arrived quickly enough was taken
    // from the same batch of messages first, and ran before the stall (seen in CI).
    const blocker = pool.submit(function blocker(duration: number, after: number) {
      const end = performance.now() + duration;
      while (performance.now() < end);
      queueMicrotask(() => {
        const later = performance.now() + after;
        while (performance.now() < later);
      });
    }, 200, 300);
    const target = pool.submit(function target(duration: number) {
      const end = performance.now() + duration;
      while (performance.now() < end);
    }, 50);
    let seenAt = 0;
    target.addDoneCallback(() => (seenAt = Date.now()));
    await blocker;
    // This process now stalls, so the target's answer (due about 350 ms from now) waits here until `readableFrom`: a
    // span ended on reading the answer would end after it.
    busyFor(1000);
    const readableFrom = Date.now();
    await target;

    const spans = await taskSpans();
    const blockerSpan = spanNamed(spans, 'blocker');
    const targetSpan = spanNamed(spans, 'target');
    const runMs = targetSpan.attributes['rxfutures.run_ms'] as number;
    const queuedMs = targetSpan.attributes['rxfutures.queued_ms'] as number;
    const started = targetSpan.events.find((event) => event.name === 'started')!;

    // It waited for the blocker's run and for the worker's stall after it, in the pool's queue and in the worker.
    expect(queuedMs).toBeGreaterThanOrEqual((blockerSpan.attributes['rxfutures.run_ms'] as number) + 299);
    expect(ms(started.time)).toBeGreaterThanOrEqual(ms(blockerSpan.endTime) + 295);
    // Its run is its own 50 ms of code, not the wait for this process to read the answer.
    expect(runMs).toBeGreaterThanOrEqual(49.9);
    expect(ms(started.time) + runMs).toBeCloseTo(ms(targetSpan.endTime), 0);
    expect(ms(targetSpan.endTime)).toBeLessThan(readableFrom - 100);
    expect(ms(targetSpan.endTime)).toBeLessThanOrEqual(seenAt);
    expect(targetSpan.attributes['rxfutures.worker']).toEqual(expect.stringMatching(/_0$/));
  }, 20_000);

  it("hands the task's code its span's trace context, active there for spans made with an SDK registered in the worker", async () => {
    const pool = pools.make(kind, {
      maxWorkers: 1,
      initializer: () => {
        const { context } = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
        const hooks = require('@opentelemetry/context-async-hooks') as typeof import('@opentelemetry/context-async-hooks');
        context.setGlobalContextManager(new hooks.AsyncLocalStorageContextManager().enable());
      },
    });
    const seen = await pool.submit(async function traced() {
      const { taskTraceContext: headers } = require('rxfutures') as typeof import('../../src');
      const { context, trace: api } = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
      await new Promise((resolve) => setTimeout(resolve, 1));
      const active: SpanContext | undefined = api.getSpanContext(context.active());
      return { headers: headers(), active: active && { traceId: active.traceId, spanId: active.spanId, isRemote: active.isRemote } };
    });
    const { traceId, spanId } = spanNamed(await taskSpans(), 'traced').spanContext();
    expect(seen.headers).toEqual({ traceparent: `00-${traceId}-${spanId}-01` });
    expect(seen.active).toEqual({ traceId, spanId, isRemote: true });
  }, 20_000);

  it('sends a traced task with its trace context and gets its run times back, a map chunk as one task, an unsendable result too', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const wire = tapWire(pool);
    await pool.submit((n: number) => n + 1, 1);
    await lastValueFrom(pool.map((n: number) => n * 2, [1, 2, 3, 4], { chunksize: 2 }).pipe(toArray()));
    // A result that cannot travel fails the task; its outcome keeps its times (the code did run).
    await expect(pool.submit(() => () => 'a function')).rejects.toBeInstanceOf(SerializationError);
    const { tasks, outcomes } = runsAndResults(wire);
    expect(tasks).toHaveLength(4 * 4);
    for (let i = 0; i < tasks.length; i += 4) {
      expect(tasks[i + 1]).toBeGreaterThanOrEqual(TRACED);
      expect(tasks[i + 3]).toEqual(expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/));
    }
    expect(outcomes).toHaveLength(4 * 4);
    for (let i = 0; i < outcomes.length; i += 4) {
      expect(outcomes[i]).toBe(i < 12 ? 1 + TIMED : 0 + TIMED);
      expect(outcomes[i + 3]).toBeGreaterThanOrEqual(outcomes[i + 2] as number);
    }
    const spans = await taskSpans();
    expect(spans).toHaveLength(4);
    for (const span of spans) expect(span.events[0]?.name).toBe('started');
  }, 20_000);

  describe('without a tracer provider', () => {
    beforeAll(() => trace.disable());
    afterAll(() => trace.setGlobalTracerProvider(provider));

    it('sends an untraced task with nothing more than its call, and gets back its outcome alone', async () => {
      const pool = pools.make(kind, { maxWorkers: 1 });
      const wire = tapWire(pool);
      const seen = await pool.submit(() => (require('rxfutures') as typeof import('../../src')).taskTraceContext());
      expect(seen).toBeUndefined();
      await lastValueFrom(pool.map((n: number) => n * 2, [1, 2, 3, 4], { chunksize: 2 }).pipe(toArray()));
      await expect(pool.submit(() => {
        throw new RangeError('untraced failure');
      })).rejects.toBeInstanceOf(RangeError);
      const { tasks, outcomes } = runsAndResults(wire);
      expect(tasks).toHaveLength(4 * 3);
      for (let i = 0; i < tasks.length; i += 3) expect(tasks[i + 1]).toBeLessThan(TRACED);
      expect(outcomes).toHaveLength(4 * 2);
      expect(outcomes.filter((_, i) => i % 2 === 0)).toEqual([1, 1, 1, 0]);
      expect(await taskSpans()).toHaveLength(0);
    }, 20_000);
  });
});

describe('taskTraceContext on the AsyncExecutor', () => {
  it("gives the task its span's trace context, and nothing outside a task", async () => {
    const executor = new AsyncExecutor({ maxWorkers: 1 });
    try {
      const seen = await executor.submit(function traced() {
        return taskTraceContext();
      });
      const { traceId, spanId } = spanNamed(await taskSpans(), 'traced').spanContext();
      expect(seen).toEqual({ traceparent: `00-${traceId}-${spanId}-01` });
      expect(taskTraceContext()).toBeUndefined();
    } finally {
      await executor.shutdown();
    }
  });
});

describe('task spans on ThreadsJsExecutor', () => {
  it('name the threads.js worker that ran the task, as the pools name theirs', async () => {
    const workerModule = join(__dirname, '..', 'fixtures', 'threadsWorker.cjs');
    const executor = new ThreadsJsExecutor({ workerModule, maxWorkers: 2, threadNamePrefix: 'js' });
    try {
      const add = executor.task<(a: number, b: number) => number>('add');
      await Promise.all([executor.submit(add, 1, 2), executor.submit(add, 3, 4)]);
      const workers = (await taskSpans()).map((span) => span.attributes['rxfutures.worker']).sort();
      expect(workers).toEqual(['js_0', 'js_1']);
    } finally {
      await executor.shutdown({ cancelFutures: true, timeout: 2000 });
    }
  }, 20_000);
});
