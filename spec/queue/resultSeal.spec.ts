import { sealResult, unsealResult } from '../../src/queue/resultSeal';

describe('sealResult / unsealResult', () => {
  const sealed = sealResult('secret', 'render', 'job-1', 'value', 'ENCODED');

  it('opens what it sealed, for the same secret, queue, job and kind', () => {
    expect(sealed).toMatch(/^[0-9a-f]{64}\.ENCODED$/);
    expect(unsealResult('secret', 'render', 'job-1', 'value', sealed)).toBe('ENCODED');
    expect(unsealResult('secret', 'render', 'job-1', 'value', sealResult('secret', 'render', 'job-1', 'value', ''))).toBe('');
  });

  it('refuses another secret, queue, job or kind, a changed text, and text that is not sealed', () => {
    expect(unsealResult('other', 'render', 'job-1', 'value', sealed)).toBeUndefined();
    expect(unsealResult('secret', 'other', 'job-1', 'value', sealed)).toBeUndefined();
    expect(unsealResult('secret', 'render', 'job-2', 'value', sealed)).toBeUndefined();
    expect(unsealResult('secret', 'render', 'job-1', 'error', sealed)).toBeUndefined();
    expect(unsealResult('secret', 'render', 'job-1', 'value', `${sealed}X`)).toBeUndefined();
    expect(unsealResult('secret', 'render', 'job-1', 'value', 'ENCODED')).toBeUndefined();
    expect(unsealResult('secret', 'render', 'job-1', 'value', `${'z'.repeat(64)}.ENCODED`)).toBeUndefined();
  });

  it('cannot be shifted between fields: the queue and job id are length-prefixed', () => {
    const a = sealResult('s', 'q:1', 'x', 'value', 'T');
    expect(unsealResult('s', 'q', ':1x', 'value', a)).toBeUndefined();
  });
});
