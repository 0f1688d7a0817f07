import { trace, type Span } from '@opentelemetry/api';
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
});
