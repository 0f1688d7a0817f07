import {
  BrokenThreadPool,
  CancelledError,
  Executor,
  ExecutorShutdownError,
  currentWorkerName,
  taskSignal,
} from '../../src';
import { SchedulerExecutor, type TaskScheduler } from '../../src/testing';

/** A hand-written scheduler (the structural shape, no fast-check): steps wait in a list until the test takes them. */
function manualScheduler() {
  const steps: Array<{ label: string; take: () => void; fail: (error: unknown) => void }> = [];
  const scheduler: TaskScheduler = {
    schedule: <T>(task: Promise<T>, label = '') =>
      new Promise<T>((resolve, reject) => steps.push({ label, take: () => void task.then(resolve, reject), fail: reject })),
  };
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    scheduler,
    labels: () => steps.map((step) => step.label.replace(/SchedulerExecutor-\d+/, 'X').replace(/^P_?\d* ?/, '')),
    /** Takes the `index`-th waiting step (the oldest by default) and lets its effects settle. */
    async step(index = 0) {
      const [step] = steps.splice(index, 1);
      if (step === undefined) throw new Error('no step is waiting');
      step.take();
      await settle();
    },
    async failStep(error: unknown) {
      steps.shift()!.fail(error);
      await settle();
    },
    /** Takes steps until none is waiting. */
    async drain() {
      await settle();
      while (steps.length > 0) await this.step();
    },
    settle,
  };
}

describe('SchedulerExecutor', () => {
  let executor: SchedulerExecutor | undefined;
  afterEach(async () => {
    if (executor !== undefined) await executor.shutdown({ cancelFutures: true, wait: false });
    executor = undefined;
  });

  it('is an Executor whose tasks start and finish only when the scheduler takes their steps', async () => {
    const s = manualScheduler();
    executor = new SchedulerExecutor({ scheduler: s.scheduler, maxWorkers: 1 });
    expect(executor).toBeInstanceOf(Executor);
    const calls: string[] = [];
    const add = (a: number, b: number) => (calls.push(`add(${a}, ${b})`), a + b);
    const first = executor.submit(add, 1, 2);
    const second = executor.submit(add, 3, 4);
    await s.settle();
    expect(s.labels()).toEqual(['X start']);
    expect([first.state, second.state, calls]).toEqual(['PENDING', 'PENDING', []]);

    await s.step();
    expect([first.state, calls]).toEqual(['RUNNING', ['add(1, 2)']]);
    expect(s.labels()).toEqual(['X finish add(1, 2)']);

    await s.step();
    expect([first.state, await first, second.state]).toEqual(['FINISHED', 3, 'PENDING']);
    expect(s.labels()).toEqual(['X start']);
    await s.drain();
    expect(await second).toBe(7);
  });

  it('runs at most maxWorkers tasks at once, in submission order, and names its workers', async () => {
    const s = manualScheduler();
    executor = new SchedulerExecutor({ scheduler: s.scheduler, maxWorkers: 2, threadNamePrefix: 'P' });
    const futures = [0, 1, 2, 3].map((i) => executor!.submit(() => `${i} on ${currentWorkerName()}`));
    await s.settle();
    expect(s.labels()).toEqual(['start', 'start']);
    await s.step();
    await s.step();
    expect(futures.map((f) => f.state)).toEqual(['RUNNING', 'RUNNING', 'PENDING', 'PENDING']);
    await s.step(1); // the second task finishes first
    expect(futures.map((f) => f.state)).toEqual(['RUNNING', 'FINISHED', 'PENDING', 'PENDING']);
    await s.drain(); // the first task finishes, then a start step gives its worker (the last freed) the third task
    expect(await Promise.all(futures)).toEqual(['0 on P_0', '1 on P_1', '2 on P_0', '3 on P_1']);
    expect(executor.records.map((r) => r.concurrency)).toEqual([1, 2, 1, 2]);
  });

  it('never starts a task cancelled while queued', async () => {
    const s = manualScheduler();
    executor = new SchedulerExecutor({ scheduler: s.scheduler, maxWorkers: 1 });
    const ran: number[] = [];
    const futures = [0, 1, 2].map((i) => executor!.submit(() => ran.push(i)));
    expect(futures[1]!.cancel()).toBe(true);
    await s.drain();
    expect(ran).toEqual([0, 2]);
    expect(futures.map((f) => f.state)).toEqual(['FINISHED', 'CANCELLED', 'FINISHED']);
    expect(executor.records[1]!.startedAt).toBeUndefined();
  });

  it('aborts a running task through its signal, fails the future with the reason and frees the slot', async () => {
    const s = manualScheduler();
    executor = new SchedulerExecutor({ scheduler: s.scheduler, maxWorkers: 1 });
    const controller = new AbortController();
    let signal: AbortSignal | undefined;
    const slow = executor.submitWith({ signal: controller.signal }, () => {
      signal = taskSignal();
      return new Promise(() => {}); // never ends by itself
    });
    const next = executor.submit(() => 'next');
    await s.step();
    expect(slow.running()).toBe(true);
    const reason = new CancelledError('stop');
    controller.abort(reason);
    expect(signal?.aborted).toBe(true);
    expect(await slow.exception()).toBe(reason);
    await s.drain();
    expect(await next).toBe('next');
  });

  it('unsubscribing from defer() before the start step cancels the task', async () => {
    const s = manualScheduler();
    executor = new SchedulerExecutor({ scheduler: s.scheduler, maxWorkers: 1 });
    let ran = false;
    executor.defer(() => (ran = true)).subscribe().unsubscribe();
    await s.drain();
    expect(ran).toBe(false);
    expect(executor.records[0]!.future.cancelled()).toBe(true);
  });

  it('resolves shutdown() only once queued work has run through the scheduler, and refuses new work', async () => {
    const s = manualScheduler();
    executor = new SchedulerExecutor({ scheduler: s.scheduler, maxWorkers: 1 });
    const future = executor.submit(() => 1);
    let closed = false;
    void executor.shutdown().then(() => (closed = true));
    expect(() => executor!.submit(() => 2)).toThrow(ExecutorShutdownError);
    await s.settle();
    expect(closed).toBe(false);
    await s.drain();
    expect([closed, await future]).toEqual([true, 1]);
  });

  it('runs the initializer once per worker, and breaks when it fails', async () => {
    const s = manualScheduler();
    const inits: string[] = [];
    executor = new SchedulerExecutor({
      scheduler: s.scheduler,
      maxWorkers: 1,
      initializer: (tag: string) => inits.push(`${tag} ${currentWorkerName()}`),
      initArgs: ['init'],
      threadNamePrefix: 'I',
    });
    await Promise.all([executor.submit(() => 1), executor.submit(() => 2), s.drain()]);
    expect(inits).toEqual(['init I_0']);

    const t = manualScheduler();
    const broken = new SchedulerExecutor({
      scheduler: t.scheduler,
      initializer: () => {
        throw new Error('no database');
      },
    });
    const futures = [broken.submit(() => 1), broken.submit(() => 2)];
    await t.drain();
    for (const future of futures) expect(await future.exception()).toBeInstanceOf(BrokenThreadPool);
    expect(() => broken.submit(() => 3)).toThrow(BrokenThreadPool);
    await broken.shutdown();
  });

  it('breaks, failing what it holds, when the scheduler rejects a step', async () => {
    const s = manualScheduler();
    executor = new SchedulerExecutor({ scheduler: s.scheduler, maxWorkers: 1 });
    const running = executor.submit(() => 'late');
    const queued = executor.submit(() => 'never');
    await s.step();
    await s.failStep(new Error('scheduler gave up'));
    expect(await running.exception()).toBeInstanceOf(BrokenThreadPool);
    expect(await queued.exception()).toBeInstanceOf(BrokenThreadPool);
    expect(executor.isBroken).toBe(true);
  });

  it('keeps a record per task with a logical clock and readable labels', async () => {
    const s = manualScheduler();
    executor = new SchedulerExecutor({ scheduler: s.scheduler, maxWorkers: 1 });
    function fetchUser(id: number) {
      return { id };
    }
    const results = executor.map(fetchUser, [1, 2, 3], { chunksize: 2 });
    const read: unknown[] = [];
    results.subscribe((user) => read.push(user));
    await s.drain();
    expect(read).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    const records = executor.records.map(({ label, submittedAt, startedAt, settledAt, settleCount }) => ({
      label,
      order: [submittedAt, startedAt!, settledAt!].every((t, i, all) => i === 0 || t > all[i - 1]!),
      settleCount,
    }));
    expect(records).toEqual([
      { label: 'fetchUser×2', order: true, settleCount: 1 },
      { label: 'fetchUser×1', order: true, settleCount: 1 },
    ]);
    expect(executor.clock).toBe(6);
  });

  it('validates its options', () => {
    expect(() => new SchedulerExecutor(undefined as never)).toThrow(TypeError);
    expect(() => new SchedulerExecutor({ scheduler: {} as TaskScheduler })).toThrow(TypeError);
    expect(() => new SchedulerExecutor({ scheduler: manualScheduler().scheduler, maxWorkers: 0 })).toThrow(RangeError);
    expect(new SchedulerExecutor({ scheduler: manualScheduler().scheduler }).maxWorkers).toBe(4);
  });
});
