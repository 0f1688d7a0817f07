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

  it('pass(id, true) sends at once, with the gates asked for before it in the tick, and nothing is sent twice', async () => {
    const calls: string[][] = [];
    const gates = new StartGates(async (ids) => {
      calls.push(ids);
      return ids.map(() => 1);
    });
    const early = gates.pass('a');
    const now = gates.pass('b', true);
    expect(calls).toEqual([['a', 'b']]); // sent during the call, not at the end of the tick
    const later = gates.pass('c');
    expect(await Promise.all([early, now, later])).toEqual([1, 1, 1]);
    expect(calls).toEqual([['a', 'b'], ['c']]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([['a', 'b'], ['c']]); // the tick's own flush found nothing left
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
