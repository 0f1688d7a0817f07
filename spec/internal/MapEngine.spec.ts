import { AsyncExecutor, ExecutorShutdownError, Future, InvalidStateError, TimeoutError } from '../../src';
import { MapEngine, type MapEngineOptions, type MapSink } from '../../src/internal/MapEngine';

/** A sink that records what it is handed. */
function recorder() {
  const events: unknown[] = [];
  const sink: MapSink<unknown> = {
    next: (value) => events.push(value),
    error: (error) => events.push(error instanceof Error ? `error: ${error.name}` : `error: ${String(error)}`),
    complete: () => events.push('complete'),
  };
  return { events, sink };
}

function engine(options: Partial<MapEngineOptions> = {}) {
  return new MapEngine<unknown>({ ordered: true, chunked: false, ...options });
}

const running = () => {
  const future = new Future<unknown>();
  future.setRunningOrNotifyCancel();
  return future;
};
const microtasks = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('MapEngine, the engine under Executor.map and the map operators', () => {
  it('delivers in submission order as soon as the oldest future is done, and completes once sealed and empty', () => {
    const map = engine();
    const { events, sink } = recorder();
    const futures = [running(), running(), running()];
    futures.forEach((future) => map.add(future));
    map.seal();
    map.open(sink);
    futures[2]!.setResult('c');
    futures[1]!.setResult('b');
    expect(events).toEqual([]);
    futures[0]!.setResult('a');
    expect(events).toEqual(['a', 'b', 'c', 'complete']);
  });

  it('unordered, delivers each future as it completes', () => {
    const map = engine({ ordered: false });
    const { events, sink } = recorder();
    map.open(sink);
    const futures = [running(), running()];
    futures.forEach((future) => map.add(future));
    map.seal();
    futures[1]!.setResult('second');
    expect([events, map.size]).toEqual([['second'], 1]);
    futures[0]!.setResult('first');
    expect(events).toEqual(['second', 'first', 'complete']);
  });

  it('unordered, behind a future that never settles, drops the delivered ones and closes with exactly those not done', () => {
    const map = engine({ ordered: false });
    const { events, sink } = recorder();
    map.open(sink);
    const head = running(); // the oldest, still running at the end
    map.add(head);
    const window: Future<unknown>[] = [];
    let longest = 0;
    for (let i = 0; i < 1000; i++) {
      const future = running();
      map.add(future);
      window.push(future);
      // Up to 8 in flight; settle them out of order (the newest of the window first, every other time).
      if (window.length === 8) (i % 2 === 0 ? window.pop()! : window.shift()!).setResult(i);
      longest = Math.max(longest, (map as unknown as { unordered: unknown[] }).unordered.length);
    }
    expect(map.size).toBe(1 + window.length);
    expect(events).toHaveLength(1000 - window.length);
    expect(new Set(events).size).toBe(events.length); // each delivered once
    expect(longest).toBeLessThanOrEqual(2 * (1 + 8) + 16); // delivered futures are not all kept
    expect(map.close()).toEqual([head, ...window]);
  });

  it("hands a chunk's results out one by one, and stops mid-chunk once closed", () => {
    const map = engine({ chunked: true });
    const events: unknown[] = [];
    map.open({
      next: (value) => {
        events.push(value);
        if (value === 2) map.close();
      },
      error: () => events.push('error'),
      complete: () => events.push('complete'),
    });
    const chunk = running();
    map.add(chunk);
    chunk.setResult([1, 2, 3]);
    expect(events).toEqual([1, 2]);
  });

  it('ends with the first failure in delivery order, a cancellation included, and marks itself failed', () => {
    const map = engine();
    const { events, sink } = recorder();
    map.open(sink);
    const futures = [running(), new Future<unknown>(), running()];
    futures.forEach((future) => map.add(future));
    futures[2]!.setException(new RangeError('late'));
    expect(map.failed).toBe(true);
    futures[1]!.cancel();
    futures[0]!.setResult('a');
    expect(events).toEqual(['a', 'error: CancelledError']);
    expect(map.close()).toEqual([futures[2]]);
  });

  it("with a reader's `wants`, delivers only what the reader wants, and takes each future once (onTake)", () => {
    let wanted = 0;
    const taken: number[] = [];
    const futures = [running(), running(), running()];
    const map = engine({ onTake: () => taken.push(futures.length - map.size) });
    const { events, sink } = recorder();
    futures.forEach((future) => map.add(future));
    futures.forEach((future, i) => future.setResult(i));
    map.open(
      {
        ...sink,
        next: (value) => {
          wanted--;
          sink.next(value);
        },
      },
      () => wanted > 0,
    );
    expect([events, taken]).toEqual([[], []]);
    wanted = 2;
    map.pull();
    expect([events, taken]).toEqual([[0, 1], [0, 1]]);
    wanted = 1;
    map.pull();
    expect([events, taken]).toEqual([[0, 1, 2], [0, 1, 2]]);
  });

  it("as a generator, watches only the oldest future and reacts to it on the next microtask", async () => {
    const map = engine({ generator: true });
    const { events, sink } = recorder();
    const futures = [running(), running()];
    futures.forEach((future) => map.add(future));
    map.open(sink);
    expect(futures.map((future) => future._listenerCount())).toEqual([1, 0]);
    futures[0]!.setResult('later');
    expect(events).toEqual([]);
    await microtasks();
    expect(events).toEqual(['later']);
    expect(futures[1]!._listenerCount()).toBe(1);
  });

  it('fails with TimeoutError when it still waits for a future once the timeout is up', async () => {
    const map = engine({ timeout: { ms: 10, start: performance.now() } });
    const { events, sink } = recorder();
    const late = running();
    map.add(late);
    map.open(sink);
    const failed = new Promise<void>((resolve) => (sink.error = (error) => (events.push(error), resolve())));
    await failed;
    expect(events[0]).toBeInstanceOf(TimeoutError);
    expect(map.close()).toEqual([late]);
  });

  it('with a timeout, delivers a future done by the time the reader asks for it, even after the deadline', async () => {
    let wanted = false;
    const map = engine({ timeout: { ms: 1, start: performance.now() } });
    const { events, sink } = recorder();
    const future = running();
    map.add(future);
    map.seal();
    map.open(sink, () => wanted);
    await new Promise((resolve) => setTimeout(resolve, 10));
    future.setResult('in time for its reader');
    wanted = true;
    map.pull();
    expect(events).toEqual(['in time for its reader', 'complete']);
  });
});

describe('Executor.map on the engine', () => {
  it("unsubscribing cancels every task not started, the one its results wait for included (as Python's map)", async () => {
    const executor = new AsyncExecutor({ maxWorkers: 1 });
    const ran: number[] = [];
    const blocker = executor.submit(() => new Promise((resolve) => setTimeout(resolve, 20)));
    const subscription = executor.map(async (x: number) => void ran.push(x), [0, 1, 2]).subscribe();
    await microtasks();
    subscription.unsubscribe();
    await blocker;
    await executor.shutdown();
    expect(ran).toEqual([]);
  });

  it('with buffersize, a shutdown while it reads raises ExecutorShutdownError where the next task could not be submitted', async () => {
    const executor = new AsyncExecutor({ maxWorkers: 1 });
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const value of executor.map((x: number) => x, [1, 2, 3, 4, 5], { buffersize: 1 })) {
        seen.push(value);
        if (value === 2) void executor.shutdown();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecutorShutdownError);
    expect(seen).toEqual([1, 2]);
  });

  it('a second reading of the same results fails with InvalidStateError', async () => {
    const executor = new AsyncExecutor({ maxWorkers: 1 });
    const results = executor.map((x: number) => x, [1]);
    results.subscribe();
    const second = await new Promise((resolve) => results.subscribe({ error: resolve }));
    expect(second).toBeInstanceOf(InvalidStateError);
    expect(() => results[Symbol.asyncIterator]()).toThrow(InvalidStateError);
    await executor.shutdown();
  });
});
