import { errorMessage } from '../../src/internal/errorMessage';

describe('errorMessage', () => {
  it("quotes an error's message, or the thrown value itself when it has none", () => {
    expect(errorMessage(new TypeError('bad'))).toBe('bad');
    expect(errorMessage({ message: 'from an object' })).toBe('from an object');
    expect(errorMessage('a string')).toBe('a string');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(null)).toBe('null');
    expect(errorMessage(undefined)).toBe('undefined');
  });
});
