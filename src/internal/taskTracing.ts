import type * as OtelApi from '@opentelemetry/api';
import type { Future } from '../Future';
import { toLocalTime } from './machineClock';
import { formatTraceparent, parseTraceparent, type WireTraceContext } from './traceparent';

// OpenTelemetry traces of tasks (issue 15). `@opentelemetry/api` is an optional peer dependency: it is looked for once,
// on the first submit, and without it every later submit pays one comparison. With it but no SDK registered, a submit
// asks the global provider for its delegate and stops there (about 10 ns); with a sampler that drops the span, the
// non-recording span is dropped at once. Either way the task carries nothing and its future gets no listener.
//
// The span is made in the submitting process, a child of the context active at submit, and ends when the task's
// future settles, so an SDK configured there exports it whatever runs the task (the event loop, a thread, a process).
// Its timing: queued is submit → the task's code starts, run is that start → its end. A pool worker measures the start
// and end of a traced task's code and sends them with its outcome (see `worker/protocol`), so the span starts running
// and ends when the code did, not when the pool sent the task or read the answer. Elsewhere the executor's own moments
// stand in: the start is when a worker (a slot, a queue worker) took the task, the end is the future's settling.

type Api = typeof OtelApi;

/** The tracer's instrumentation name: what a span processor or backend sees as the spans' scope. */
const TRACER_NAME = 'rxfutures';

const API_PACKAGE = '@opentelemetry/api';
/** `undefined`: not looked for yet; `null`: not installed. */
let api: Api | null | undefined;
/** The api's no-op provider: what the global provider delegates to while no SDK is registered. */
let noopProvider: unknown;

function loadApi(): Api | null {
  try {
    // Through a variable, so that a bundler does not try to resolve (and fail on) a package the user did not install.
    api = require(API_PACKAGE) as Api;
    noopProvider = new api.ProxyTracerProvider().getDelegate();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') throw error;
    api = null;
  }
  return api;
}

/**
 * @internal The span of one task, from its submit to its outcome: started by {@link traceTask}, told when a worker takes the
 * task ({@link TaskTrace.started}) and, from a pool worker, when its code ran ({@link TaskTrace.settleRan}), ended by
 * the future's settling. Times are this thread's `performance.now()`, which the SDK converts as it does its own.
 */
export class TaskTrace {
  private readonly submittedAt = performance.now();
  /** When the run started: the worker's start of the code, once known, else when a worker took the task. */
  private startedAt: number | undefined = undefined;
  /** Whether {@link startedAt} is the worker's start of the code (then later runs do not move it). */
  private startedInWorker = false;
  /** Attempts started (a task with `retries` has one span over its attempts). */
  private starts = 0;
  /** While {@link settleRan} settles the future: when the worker's run of the code ended. */
  private ranUntil: number | undefined = undefined;

  constructor(
    private readonly otel: Api,
    /** The task's span: a recording span, child of `parent`. */
    private readonly span: OtelApi.Span,
    /** The context active at submit. */
    private readonly parent: OtelApi.Context,
  ) {}

  /** Calls `fn` (a task run in this event loop) with the task's span active: spans the task makes are its children. */
  run<T>(fn: () => T): T {
    const { context, trace } = this.otel;
    return context.with(trace.setSpan(this.parent, this.span), fn);
  }

  /**
   * A worker (named `worker`, when the executor knows it) took the task: its run starts now, unless a pool worker
   * later says when the code started ({@link TaskTrace.settleRan}).
   */
  started(worker: string | undefined): void {
    // An attempt that ran again after its worker died, or a retry, keeps the first start.
    if (this.starts++ > 0) return;
    this.startedAt = performance.now();
    if (worker !== undefined) this.span.setAttribute('rxfutures.worker', worker);
  }

  /**
   * The task's code ran in a pool worker from `start` to `end` (machine clock, see `internal/machineClock`): calls
   * `settle`, which settles the future, so that the span ends at `end`, and starts at `start` if this was the first
   * attempt's run. Each time is kept between the moment the pool sent the task and now, against clock rounding.
   */
  settleRan(start: number, end: number, settle: () => void): void {
    const now = performance.now();
    if (!this.startedInWorker && this.starts === 1 && this.startedAt !== undefined) {
      this.startedInWorker = true;
      this.startedAt = Math.min(Math.max(toLocalTime(start), this.startedAt), now);
    }
    this.ranUntil = Math.min(Math.max(toLocalTime(end), this.startedAt ?? this.submittedAt), now);
    try {
      settle();
    } finally {
      this.ranUntil = undefined;
    }
  }

  /**
   * The task's trace context as it travels to a pool worker: the span's `traceparent`, or `[traceparent, tracestate]`
   * when the span has a trace state (read there by `traceHeadersOf`).
   */
  wireContext(): WireTraceContext {
    const spanContext = this.span.spanContext();
    const traceparent = formatTraceparent(spanContext);
    const tracestate = spanContext.traceState?.serialize();
    return tracestate ? [traceparent, tracestate] : traceparent;
  }

  /**
   * The W3C trace context of the task's span (`traceparent`, and `tracestate` when there is one), for a task that
   * runs in another process with its own SDK (a queue worker).
   */
  carrier(): Record<string, string> {
    const carrier: Record<string, string> = {};
    const { propagation, trace, context } = this.otel;
    propagation.inject(trace.setSpan(context.active(), this.span), carrier);
    // No propagator registered (it injects nothing): the trace travels all the same, as W3C says.
    carrier.traceparent ??= formatTraceparent(this.span.spanContext());
    return carrier;
  }

  /** Ends the span with the future's outcome: `result`, `exception` (status ERROR, the error recorded) or `cancelled`. */
  ended(future: Future<unknown>): void {
    const span = this.span;
    const end = this.ranUntil ?? performance.now();
    const startedAt = this.startedAt;
    if (startedAt === undefined) {
      span.setAttribute('rxfutures.queued_ms', end - this.submittedAt);
    } else {
      span.setAttribute('rxfutures.queued_ms', startedAt - this.submittedAt);
      span.setAttribute('rxfutures.run_ms', end - startedAt);
      span.addEvent('started', startedAt);
    }
    if (future.cancelled()) {
      span.setAttribute('rxfutures.outcome', 'cancelled');
    } else if (!future._hasFailed()) {
      span.setAttribute('rxfutures.outcome', 'result');
    } else {
      const error = future._settledValue();
      span.setAttribute('rxfutures.outcome', 'exception');
      span.recordException(error instanceof Error ? error : String(error), end);
      span.setStatus({ code: this.otel.SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    }
    span.end(end);
  }
}

/**
 * Calls `fn` with the context in `carrier` (the W3C trace context a client sent with the task, from
 * {@link traceContextOf}) as the active one, so that the tasks it submits are spans of that trace, exported by this
 * process's SDK. Without `@opentelemetry/api`, or without a carrier, it just calls `fn`.
 *
 * @example
 * ```ts
 * const future = withTraceContext(data.p, () => pool.submit(task, ...args));
 * ```
 */
export function withTraceContext<T>(carrier: unknown, fn: () => T): T {
  if (carrier === undefined || carrier === null || typeof carrier !== 'object') return fn();
  const otel = api === undefined ? loadApi() : api;
  if (otel === null) return fn();
  const { context, propagation, trace } = otel;
  // On the root: the task continues the trace it came with, not one this process happens to be in.
  let extracted = propagation.extract(otel.ROOT_CONTEXT, carrier as Record<string, unknown>);
  if (trace.getSpanContext(extracted) === undefined) {
    // No propagator registered: read the `traceparent` the client wrote (see TaskTrace.carrier).
    const parent = parseTraceparent((carrier as Record<string, unknown>).traceparent);
    if (parent !== undefined) extracted = trace.setSpanContext(extracted, { ...parent, isRemote: true });
  }
  return context.with(extracted, fn);
}

/**
 * @internal Starts the span of a task submitted now to the executor named `executor`, if `@opentelemetry/api` is installed and
 * a tracer records it; the span ends when `future` settles. `undefined` (and nothing attached) otherwise.
 *
 * @example
 * ```ts
 * item.trace = traceTask(this.namePrefix, item.fn, item.future);
 * ```
 */
export function traceTask(executor: string, fn: unknown, future: Future<unknown>): TaskTrace | undefined {
  const otel = api === undefined ? loadApi() : api;
  if (otel === null) return undefined;
  // No SDK registered: done, without making a span to drop (about a third of the cost).
  if ((otel.trace.getTracerProvider() as { getDelegate?(): unknown }).getDelegate?.() === noopProvider) return undefined;
  // The tracer is asked for each time: it follows the provider the user registers (or replaces) at any point.
  const parent = otel.context.active();
  const span = otel.trace.getTracer(TRACER_NAME).startSpan(
    'rxfutures.task',
    { kind: otel.SpanKind.INTERNAL, attributes: { 'rxfutures.executor': executor } },
    parent,
  );
  if (!span.isRecording()) return undefined;
  const name = typeof fn === 'function' ? fn.name : (fn as { exportName?: unknown } | null)?.exportName;
  if (typeof name === 'string' && name !== '') span.setAttribute('code.function', name);
  const trace = new TaskTrace(otel, span, parent);
  future._listen(() => trace.ended(future));
  return trace;
}
