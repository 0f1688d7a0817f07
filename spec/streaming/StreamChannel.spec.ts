import { StreamChannel } from '../../src/streaming/StreamChannel';

describe('StreamChannel', () => {
  it('grants credit back in batches of half the window, and pauses a producer with none left', async () => {
    const delivered: number[] = [];
    const grants: number[] = [];
    const channel = new StreamChannel<number>(4, (value) => delivered.push(value));
    channel.onCredit = (n) => grants.push(n);
    for (let i = 0; i < 5; i++) channel.write(i);
    expect(delivered).toEqual([0, 1, 2, 3, 4]);
    expect(grants).toEqual([2, 2]);
    expect(channel.ready()).toBeUndefined();
    channel.close();
    channel.write(99);
    expect(delivered).toHaveLength(5);
  });
});
