import { currentTaskContext } from './internal/taskContext';
import type { TraceHeaders } from './internal/traceparent';

export type { TraceHeaders } from './internal/traceparent';

/**
 * The W3C trace context of the running task's OpenTelemetry span, as the headers that carry it (`traceparent`, and
 * `tracestate` when the trace has one), or `undefined` when the task is not traced (no `@opentelemetry/api` or no SDK
 * in the submitting process, or its sampler dropped the span) or outside a task. It works in threads and processes
 * whether or not `@opentelemetry/api` is installed there: pass it on to a service the task calls, so that the
 * service's spans join the trace. (With the api installed in the worker and a context manager registered there,
 * the task already runs with this context active: spans it makes are children of its task span.)
 *
 * Available in tasks of the AsyncExecutor, both pools, and the executors a queue worker runs jobs on; a
 * ThreadsJsExecutor task cannot reach it.
 *
 * @example
 * ```ts
 * const future = pool.submit(async (url: string) => {
 *   const { taskTraceContext } = await import('rxfutures');
 *   const response = await fetch(url, { headers: { ...taskTraceContext() } }); // the service continues the trace
 *   return response.status;
 * }, 'https://example.com/api');
 * ```
 */
export function taskTraceContext(): TraceHeaders | undefined {
  return currentTaskContext()?.traceContext;
}
