import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { AsyncExecutor } from '../../src/executors/AsyncExecutor';
import type { Executor, ExecutorOptions } from '../../src/executors/Executor';
import { ProcessPoolExecutor } from '../../src/executors/ProcessPoolExecutor';
import { ThreadPoolExecutor } from '../../src/executors/ThreadPoolExecutor';
import { recordSpans } from './support/recordSpans';

const { provider, taskSpans, finishedSpans: exporter } = recordSpans();

const kinds = [
  { name: 'AsyncExecutor', create: (options: ExecutorOptions) => new AsyncExecutor(options) },
  { name: 'ThreadPoolExecutor', create: (options: ExecutorOptions) => new ThreadPoolExecutor(options) },
  { name: 'ProcessPoolExecutor', create: (options: ExecutorOptions) => new ProcessPoolExecutor(options) },
];

/** Runs `body` inside an active span named `parent`; returns what `body` returned and the parent span. */
async function inParentSpan<T>(body: () => PromiseLike<T>): Promise<{ value: T; parent: Span }> {
  return trace.getTracer('spec').startActiveSpan('parent', async (parent) => {
    try {
      return { value: await body(), parent };
    } finally {
      parent.end();
    }
  });
}

describe.each(kinds)('task spans on $name', ({ create }) => {
  let executor: Executor;
  beforeEach(() => {
    executor = create({ maxWorkers: 1, threadNamePrefix: 'traced' });
  });
  afterEach(() => executor.shutdown({ cancelFutures: true, timeout: 2000 }));

  it('makes each task a child span of the span that submitted it, with its worker, times and outcome', async () => {
    const { value, parent } = await inParentSpan(() => executor.submit(function double(n: number) { return n * 2; }, 21));
    expect(value).toBe(42);
    const [span, ...others] = await taskSpans();
    expect(others).toHaveLength(0);
    expect(span.spanContext().traceId).toBe(parent.spanContext().traceId);
    expect(span.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(span.instrumentationScope.name).toBe('rxfutures');
    expect(span.attributes['rxfutures.executor']).toBe('traced');
    expect(span.attributes['rxfutures.worker']).toEqual(expect.stringMatching(/^traced/));
    expect(span.attributes['rxfutures.outcome']).toBe('result');
    expect(span.attributes['code.function']).toBe('double');
    expect(span.attributes['rxfutures.queued_ms']).toEqual(expect.any(Number));
    expect(span.attributes['rxfutures.run_ms']).toEqual(expect.any(Number));
    expect(span.events.map((event) => event.name)).toEqual(['started']);
    expect(span.status.code).not.toBe(SpanStatusCode.ERROR);
    expect(span.ended).toBe(true);
  });

  it('marks a failed task ERROR and records its exception', async () => {
    const { value } = await inParentSpan(() =>
      executor.submit(() => {
        throw new RangeError('out of range');
      }).then(
        () => undefined,
        (error: unknown) => error,
      ),
    );
    expect(value).toBeInstanceOf(Error);
    const [span] = await taskSpans();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.status.message).toBe('out of range');
    expect(span.attributes['rxfutures.outcome']).toBe('exception');
    const exception = span.events.find((event) => event.name === 'exception');
    expect(exception?.attributes?.['exception.type']).toBe('RangeError');
  });

  it('ends the span of a task cancelled while it waited, as cancelled and never started', async () => {
    const { value } = await inParentSpan(async () => {
      const blocker = executor.submit(() => new Promise((resolve) => setTimeout(resolve, 200)));
      const queued = executor.submit(() => 'never');
      queued.cancel();
      await blocker;
      return queued.cancelled();
    });
    expect(value).toBe(true);
    const spans = await taskSpans();
    expect(spans).toHaveLength(2);
    const cancelled = spans.find((span) => span.attributes['rxfutures.outcome'] === 'cancelled')!;
    expect(cancelled.attributes['rxfutures.run_ms']).toBeUndefined();
    expect(cancelled.attributes['rxfutures.worker']).toBeUndefined();
    expect(cancelled.events).toHaveLength(0);
  });

  it('gives each chunk of a map its span, under the span that called map', async () => {
    const { value, parent } = await inParentSpan(async () => {
      const results: number[] = [];
      for await (const square of executor.map((n: number) => n * n, [1, 2, 3, 4], { chunksize: 2 })) results.push(square);
      return results;
    });
    expect(value).toEqual([1, 4, 9, 16]);
    const spans = await taskSpans();
    expect(spans).toHaveLength(2);
    for (const span of spans) expect(span.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
  });
});

describe('task spans on AsyncExecutor, inside the task', () => {
  it('make the task span the active one while the task runs, so spans the task makes are its children', async () => {
    const executor = new AsyncExecutor({ maxWorkers: 1 });
    try {
      await inParentSpan(() =>
        executor.submit(async () => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          trace.getTracer('spec').startSpan('inner').end();
        }),
      );
      const [task] = await taskSpans();
      const inner = exporter().find((span) => span.name === 'inner');
      expect(inner?.parentSpanContext?.spanId).toBe(task.spanContext().spanId);
    } finally {
      await executor.shutdown();
    }
  });
});

describe('task spans with retries', () => {
  it('make one span per task across its attempts, ending with the final outcome', async () => {
    const executor = new AsyncExecutor({ maxWorkers: 1 });
    try {
      let calls = 0;
      const { value } = await inParentSpan(() =>
        executor.submitWith({ retries: 2, backoff: 0 }, () => {
          if (++calls < 3) throw new Error('flaky');
          return calls;
        }),
      );
      expect(value).toBe(3);
      const spans = await taskSpans();
      expect(spans).toHaveLength(1);
      expect(spans[0].attributes['rxfutures.outcome']).toBe('result');
      expect(spans[0].events.map((event) => event.name)).toEqual(['started']);
    } finally {
      await executor.shutdown();
    }
  });
});

describe('without a tracer provider', () => {
  beforeAll(() => trace.disable());
  afterAll(() => trace.setGlobalTracerProvider(provider));

  it('records no span and attaches nothing to the task', async () => {
    const executor = new AsyncExecutor({ maxWorkers: 1 });
    try {
      const blocker = executor.submit(() => new Promise((resolve) => setTimeout(resolve, 50)));
      const queued = executor.submit(() => 'done');
      expect(queued._listenerCount()).toBe(0);
      await expect(queued).resolves.toBe('done');
      await blocker;
      expect(await taskSpans()).toHaveLength(0);
    } finally {
      await executor.shutdown();
    }
  });
});
