import { Future } from '../../src/Future';
import { ONE_CALL } from '../../src/tasks/callShapes';
import { PoolWorker } from '../../src/executors/pool/PoolWorker';
import type { WorkerHandle } from '../../src/executors/pool/WorkerHandle';
import { WorkItem } from '../../src/executors/WorkItem';

/** A transport that records what the worker record asks of it (the record is under test, not the transport). */
function recordingHandle(): WorkerHandle & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    id: 1,
    send: () => calls.push('send'),
    ref: () => calls.push('ref'),
    unref: () => calls.push('unref'),
    kill: () => calls.push('kill'),
    stop: () => calls.push('stop'),
  } as WorkerHandle & { calls: string[] };
}

const item = () => new WorkItem(new Future<unknown>(), () => 1, [], undefined, ONE_CALL);

function started(): { worker: PoolWorker; handle: ReturnType<typeof recordingHandle> } {
  const worker = new PoolWorker('P-0_0');
  const handle = recordingHandle();
  worker.attach(handle);
  return { worker, handle };
}

describe('PoolWorker', () => {
  it('moves starting -> ready -> retiring -> exiting, and takes tasks only when ready', () => {
    const { worker, handle } = started();
    expect(worker.phase).toBe('starting');
    expect(worker.isIdle).toBe(false);
    worker.becomeReady();
    expect(worker.phase).toBe('ready');
    expect(worker.isIdle).toBe(true);
    worker.accept([item(), item()], false, 2);
    expect(worker.phase).toBe('retiring'); // its task limit was reached
    expect(worker.taken).toBe(2);
    worker.stop();
    expect(worker.phase).toBe('exiting');
    expect(handle.calls).toContain('stop');
    worker.clearTimer();
  });

  it('never moves back: a worker stopped while starting stays exiting when its initializer ends', () => {
    const { worker } = started();
    worker.stop();
    worker.becomeReady();
    expect(worker.phase).toBe('exiting');
    expect(worker.initialized).toBe(true);
    worker.retire();
    expect(worker.phase).toBe('exiting');
    worker.clearTimer();
  });

  it('numbers held tasks as the worker does: answered so far plus place among those held', () => {
    const { worker } = started();
    worker.becomeReady();
    const [a, b, c] = [item(), item(), item()];
    worker.accept([a, b], false, undefined);
    worker.accept([c], false, undefined);
    expect([a, b, c].map((x) => worker.taskNumber(x))).toEqual([0, 1, 2]);
    expect(worker.answer()).toBe(a);
    expect(worker.taskNumber(a)).toBe(-1);
    expect([b, c].map((x) => worker.taskNumber(x))).toEqual([1, 2]);
    expect(worker.oldest).toBe(b);
    expect(worker.answer()).toBe(b);
    expect(worker.answer()).toBe(c);
    expect(worker.answer()).toBeUndefined();
    const d = item();
    worker.accept([d], false, undefined);
    expect(worker.taskNumber(d)).toBe(3);
  });

  it('is exclusive while it holds a task that may be killed, until that task is answered or given up', () => {
    const { worker } = started();
    worker.becomeReady();
    const killable = item();
    worker.accept([killable], true, undefined);
    expect(worker.exclusive).toBe(true);
    worker.answer();
    expect(worker.exclusive).toBe(false);
    worker.accept([item()], true, undefined);
    expect(worker.takeHeld()).toHaveLength(1);
    expect(worker.exclusive).toBe(false);
    expect(worker.holding).toBe(0);
  });

  it('an exit after kill() is expected: the phase says exiting', () => {
    const { worker, handle } = started();
    worker.becomeReady();
    worker.kill();
    expect(worker.phase).toBe('exiting');
    expect(handle.calls).toEqual(['kill']);
  });
});
