import { CancelledError } from '../../src';
import { deserializeError, serializeError } from '../../src/extension';

describe('serializeError and deserializeError', () => {
  it("carry an error's class, message, own properties and cause across structured clone", () => {
    const error = Object.assign(new RangeError('out of range', { cause: new CancelledError('gone') }), { code: 'E_RANGE' });
    const back = deserializeError(structuredClone(serializeError(error))) as RangeError & { code: string };
    expect(back).toBeInstanceOf(RangeError);
    expect([back.message, back.code]).toEqual(['out of range', 'E_RANGE']);
    expect(back.cause).toBeInstanceOf(CancelledError);
  });

  it('pass other thrown values through as they are', () => {
    expect(deserializeError(serializeError('a string'))).toBe('a string');
    expect(deserializeError(serializeError(42))).toBe(42);
  });
});
