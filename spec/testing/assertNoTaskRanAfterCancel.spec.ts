import { InvariantViolation, assertNoTaskRanAfterCancel } from '../../src/testing';
import { settled, withRecords } from './fakeRecords';

describe('assertNoTaskRanAfterCancel', () => {
  it('reports each cancelled task that started, and accepts cancelled tasks that never ran', () => {
    const bad = withRecords(2, [
      { label: 'ok()', future: settled('CANCELLED'), settleCount: 1, settledAt: 3 },
      { label: 'sneaky()', future: settled('CANCELLED'), settleCount: 1, settledAt: 4, startedAt: 5 },
      { label: 'ran()', future: settled('FINISHED'), settleCount: 1, startedAt: 1 },
    ]);
    let error: unknown;
    try {
      assertNoTaskRanAfterCancel(bad);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvariantViolation);
    expect((error as InvariantViolation).violations).toEqual(['sneaky() was cancelled (at 4) but started (at 5)']);
  });
});
