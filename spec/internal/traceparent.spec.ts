import { formatTraceparent, parseTraceparent } from '../../src/internal/traceparent';

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const spanId = '00f067aa0ba902b7';

describe('traceparent', () => {
  it('writes version 00 with the flags as two hex digits, and reads it back', () => {
    const value = formatTraceparent({ traceId, spanId, traceFlags: 1 });
    expect(value).toBe(`00-${traceId}-${spanId}-01`);
    expect(parseTraceparent(value)).toEqual({ traceId, spanId, traceFlags: 1 });
    expect(parseTraceparent(formatTraceparent({ traceId, spanId, traceFlags: 0 }))?.traceFlags).toBe(0);
  });

  it('reads the first four fields of a later version', () => {
    expect(parseTraceparent(`01-${traceId}-${spanId}-03-more`)).toEqual({ traceId, spanId, traceFlags: 3 });
  });

  it.each([
    ['not a string', 42],
    ['uppercase hex', `00-${traceId.toUpperCase()}-${spanId}-01`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${spanId}-01`],
    ['an all-zero span id', `00-${traceId}-${'0'.repeat(16)}-01`],
    ['version ff', `ff-${traceId}-${spanId}-01`],
    ['extra fields on version 00', `00-${traceId}-${spanId}-01-x`],
    ['a short trace id', `00-${traceId.slice(1)}-${spanId}-01`],
  ])('refuses %s', (_, value) => {
    expect(parseTraceparent(value)).toBeUndefined();
  });
});
