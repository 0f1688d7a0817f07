import { refusal, type GuardSettings } from '../../src/queue/jobGuard';
import { ReplayMemory } from '../../src/queue/ReplayMemory';

describe('refusal', () => {
  const now = 1_000_000;
  const data = { v: 2, t: 'double', c: 0, a: 'AAAA', x: now + 60_000 };
  const settings = (): GuardSettings => ({
    queue: 'q',
    secret: undefined,
    allowInline: false,
    maxPayloadBytes: 1000,
    names: new Set(['double']),
    replays: new ReplayMemory(),
  });

  it('refuses a job of another format version, saying so', () => {
    expect(refusal('job-1', { ...data, v: 1 }, settings(), now)).toMatch(/format version 1, and this worker reads version 2/);
    expect(refusal('job-1', { ...data, v: 'x' }, settings(), now)).toMatch(/not an rxfutures job/);
  });

  it('refuses a job id this worker ran before: a replay', () => {
    const guard = settings();
    expect(refusal('job-1', data, guard, now)).toBeUndefined();
    guard.replays.remember('job-1', data.x, now);
    expect(refusal('job-1', data, guard, now)).toMatch(/replay/);
    expect(refusal('job-2', data, guard, now)).toBeUndefined();
  });

  it('runs a job BullMQ gives out again after its run was lost (stalled), even on the worker that ran it', () => {
    const guard = settings();
    guard.replays.remember('job-1', data.x, now);
    expect(refusal('job-1', data, guard, now, true)).toBeUndefined();
    // Every other check still applies to it.
    expect(refusal('job-1', { ...data, x: now - 1 }, guard, now, true)).toMatch(/expired/);
    expect(refusal('job-1', { ...data, t: 'other' }, guard, now, true)).toMatch(/exports no function/);
  });
});
