import { propagation, trace, type Context, type Span, type TextMapPropagator } from '@opentelemetry/api';
import { namedTask } from '../../src/queue';
import { queueHarness } from '../queue/support/harness';
import { describeWithRedis } from '../queue/support/redis';
import type * as tasks from '../fixtures/queueTasks.cjs';
import { recordSpans } from './support/recordSpans';

// The client and the worker run in this one process here, sharing one SDK, as two processes each with its own SDK
// would export to one backend. The trace can only reach the worker's span through the job: the worker is started
// outside the client's span, so its own async context holds none.

const { taskSpans } = recordSpans();
const square = namedTask<typeof tasks.square>('square');

describeWithRedis('task spans across a queue', () => {
  const { newQueue, executor, worker } = queueHarness({ worker: { name: 'traced-worker' } });

  it("continues the client's trace in the worker: the worker's span is a child of the client's task span", async () => {
    const queue = newQueue('trace');
    await worker(queue);
    const ex = executor(queue);
    const parent = await trace.getTracer('spec').startActiveSpan('parent', async (span: Span) => {
      try {
        expect(await ex.submit(square, 7).result(10_000)).toBe(49);
        return span;
      } finally {
        span.end();
      }
    });
    const spans = await taskSpans();
    const client = spans.find((span) => String(span.attributes['rxfutures.executor']).startsWith('QueueExecutor'));
    const remote = spans.find((span) => span !== client);
    expect(spans).toHaveLength(2);
    expect(client?.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(client?.attributes['rxfutures.worker']).toBe('traced-worker');
    expect(client?.attributes['rxfutures.outcome']).toBe('result');
    expect(remote?.spanContext().traceId).toBe(parent.spanContext().traceId);
    expect(remote?.parentSpanContext?.spanId).toBe(client?.spanContext().spanId);
    expect(remote?.parentSpanContext?.isRemote).toBe(true);
    expect(remote?.attributes['code.function']).toBe('square');
  });

  it('uses the globally registered propagator, on both sides, when there is one', async () => {
    // A propagator of its own header, counting its calls: the trace must travel through it.
    const calls = { inject: 0, extract: 0 };
    const header: TextMapPropagator = {
      inject(ctx: Context, carrier: unknown, setter) {
        const spanContext = trace.getSpanContext(ctx);
        if (spanContext === undefined) return;
        calls.inject++;
        setter.set(carrier, 'x-spec-trace', `${spanContext.traceId}:${spanContext.spanId}`);
      },
      extract(ctx: Context, carrier: unknown, getter) {
        const value = getter.get(carrier, 'x-spec-trace');
        if (typeof value !== 'string') return ctx;
        calls.extract++;
        const [traceId, spanId] = value.split(':');
        return trace.setSpanContext(ctx, { traceId: traceId!, spanId: spanId!, traceFlags: 1, isRemote: true });
      },
      fields: () => ['x-spec-trace'],
    };
    propagation.setGlobalPropagator(header);
    try {
      const queue = newQueue('propagator');
      await worker(queue);
      const ex = executor(queue);
      await trace.getTracer('spec').startActiveSpan('parent', async (span: Span) => {
        try {
          expect(await ex.submit(square, 3).result(10_000)).toBe(9);
        } finally {
          span.end();
        }
      });
      const spans = await taskSpans();
      const client = spans.find((span) => String(span.attributes['rxfutures.executor']).startsWith('QueueExecutor'));
      const remote = spans.find((span) => span !== client);
      expect(calls).toEqual({ inject: 1, extract: 1 });
      expect(remote?.parentSpanContext?.spanId).toBe(client?.spanContext().spanId);
    } finally {
      propagation.disable();
    }
  });
});
