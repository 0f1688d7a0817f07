import { ReplayMemory } from '../../src/queue/ReplayMemory';

describe('ReplayMemory', () => {
  it('knows an id until its expiry, and not after, even before the expired ids are dropped', () => {
    const memory = new ReplayMemory();
    memory.remember('a', 1_000, 0);
    expect(memory.has('a', 999)).toBe(true);
    expect(memory.has('a', 1_001)).toBe(false);
    expect(memory.has('b', 0)).toBe(false);
  });

  it('drops expired ids at most once a second, so memory does not grow with ids that expired', () => {
    const memory = new ReplayMemory();
    for (let i = 0; i < 100; i++) memory.remember(`old-${i}`, 500 + i, 0);
    memory.remember('late', 10_000, 600); // within the second after the first sweep: nothing dropped yet
    expect(memory.size).toBe(101);
    memory.remember('later', 10_000, 1_000); // a second on: the 100 expired ones go
    expect(memory.size).toBe(2);
    expect(memory.has('late', 1_000)).toBe(true);
  });

  it('holds at most its capacity at every id, forgetting the oldest first', () => {
    const memory = new ReplayMemory(3);
    for (let i = 0; i < 5; i++) memory.remember(`id-${i}`, 60_000, 100);
    expect(memory.size).toBe(3);
    expect(memory.has('id-1', 100)).toBe(false);
    expect(memory.has('id-2', 100)).toBe(true);
    expect(memory.has('id-4', 100)).toBe(true);
  });
});
