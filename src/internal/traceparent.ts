// The W3C `traceparent` header (https://www.w3.org/TR/trace-context/), written and read by rxfutures itself for when
// no propagator is registered (an SDK set up without one, such as a bare BasicTracerProvider): the trace of a queued
// task still reaches its worker. Version 00 only; a later version's first four fields are read the same way. Also the
// forms the context takes on its way to a pool worker and to the task's code there (no dependency on the api: the
// worker reads it whether or not `@opentelemetry/api` is installed, and the public `TraceHeaders` type comes from here).

/** The fields of a `traceparent` rxfutures needs: the ids and the sampled flag. */
export interface TraceParent {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceFlags: number;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ALL_ZEROS = /^0+$/;

/**
 * The `traceparent` value of a span context.
 *
 * @example
 * ```ts
 * carrier.traceparent ??= formatTraceparent(span.spanContext()); // '00-<trace id>-<span id>-01'
 * ```
 */
export function formatTraceparent({ traceId, spanId, traceFlags }: TraceParent): string {
  return `00-${traceId}-${spanId}-${(traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}

/**
 * The ids and flags of a `traceparent` value, or `undefined` if it is not a valid one (the wrong shape, all-zero
 * ids, version ff, or extra fields on version 00).
 *
 * @example
 * ```ts
 * const parent = parseTraceparent(carrier.traceparent);
 * ```
 */
export function parseTraceparent(value: unknown): TraceParent | undefined {
  if (typeof value !== 'string') return undefined;
  const match = TRACEPARENT.exec(value.trim());
  if (match === null) return undefined;
  const [, version, traceId, spanId, flags, rest] = match;
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (ALL_ZEROS.test(traceId!) || ALL_ZEROS.test(spanId!)) return undefined;
  return { traceId: traceId!, spanId: spanId!, traceFlags: parseInt(flags!, 16) };
}

/**
 * The W3C trace context of a traced task as it travels to a pool worker (see `worker/protocol`): its `traceparent`,
 * or `[traceparent, tracestate]` when the trace has a state.
 */
export type WireTraceContext = string | [string, string];

/**
 * The W3C trace context a pool worker received with a traced task (`TaskTrace.wireContext`), as headers: what
 * `withTraceContext` and `taskTraceContext()` take and give.
 *
 * @example
 * ```ts
 * const headers = traceHeadersOf('00-<trace id>-<span id>-01'); // { traceparent: '00-<trace id>-<span id>-01' }
 * ```
 */
export function traceHeadersOf(context: WireTraceContext): TraceHeaders {
  if (typeof context === 'string') return Object.freeze({ traceparent: context });
  return Object.freeze({ traceparent: context[0], tracestate: context[1] });
}

/**
 * The W3C trace context of a task's span, as the HTTP headers that carry it: `traceparent`, and `tracestate` when the
 * trace has one (see `taskTraceContext()`).
 *
 * @example
 * ```ts
 * const headers: TraceHeaders = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
 * ```
 */
export interface TraceHeaders {
  /** `version-traceid-spanid-flags`, e.g. `00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01`. */
  readonly traceparent: string;
  /** Vendor-specific trace state (`key=value` pairs, comma-separated), present when the trace has one. */
  readonly tracestate?: string;
}
