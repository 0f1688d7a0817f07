import { StartGates } from '../../src/queue/StartGates';

describe('StartGates', () => {
  it('sends the gates asked for in one tick in one call, and hands each job its own verdict', async () => {
    const calls: string[][] = [];
    const gates = new StartGates(async (ids) => {
      calls.push(ids);
      return ids.map((id) => (id === 'cancelled' ? 0 : id === 'gone' ? -1 : 1));
    });
    const verdicts = Promise.all([gates.pass('a'), gates.pass('cancelled'), Promise.resolve().then(() => gates.pass('gone'))]);
    expect(await verdicts).toEqual([1, 0, -1]);
    expect(calls).toEqual([['a', 'cancelled', 'gone']]);
    expect(await gates.pass('b')).toBe(1);
    expect(calls).toEqual([['a', 'cancelled', 'gone'], ['b']]);
  });

  it('fails every gate of a call that failed, whether it rejects or throws, and the next call starts afresh', async () => {
    let fail: 'reject' | 'throw' | undefined = 'reject';
    const gates = new StartGates((ids) => {
      if (fail === 'throw') throw new Error('thrown');
      return fail === 'reject' ? Promise.reject(new Error('rejected')) : Promise.resolve(ids.map(() => 1));
    });
    await expect(Promise.all([gates.pass('a'), gates.pass('b')])).rejects.toThrow('rejected');
    fail = 'throw';
    const both = [gates.pass('c'), gates.pass('d')];
    await expect(both[0]).rejects.toThrow('thrown');
    await expect(both[1]).rejects.toThrow('thrown');
    fail = undefined;
    expect(await gates.pass('e')).toBe(1);
  });
});
