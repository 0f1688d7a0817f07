import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';

/**
 * Registers a real OpenTelemetry SDK for the spec file: a provider exporting to memory, and the AsyncLocalStorage
 * context manager so that `startActiveSpan` makes its span the active one across awaits. Spans are forgotten after
 * each test; the SDK is unregistered after the file.
 */
export function recordSpans() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const contextManager = new AsyncLocalStorageContextManager();
  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
    trace.setGlobalTracerProvider(provider);
  });
  afterAll(async () => {
    trace.disable();
    context.disable();
    await provider.shutdown();
  });
  afterEach(() => exporter.reset());
  return {
    provider,
    /** Every ended span (call after `taskSpans()`, which flushes). */
    finishedSpans: (): ReadableSpan[] => exporter.getFinishedSpans(),
    /** The ended task spans, once the processor handed every ended span to the exporter. */
    async taskSpans(): Promise<ReadableSpan[]> {
      await provider.forceFlush();
      return exporter.getFinishedSpans().filter((span) => span.name === 'rxfutures.task');
    },
  };
}
