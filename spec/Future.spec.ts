import { AsyncLocalStorage } from 'node:async_hooks';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { CancelledError, Future, InvalidStateError, TimeoutError } from '../src';
import { listenerCount } from './helpers/futures';

/** The warning types `process.emitWarning` was called with while `body` ran (done-callback errors go there). */
function captureWarnings(body: () => void): string[] {
  const spy = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  try {
    body();
    return spy.mock.calls.map(([, options]) => (options as { type?: string } | undefined)?.type ?? 'Warning');
  } finally {
    spy.mockRestore();
  }
}

describe('Future state machine', () => {
  it('starts PENDING, moves to RUNNING, then FINISHED', () => {
    const future = new Future<number>();
    expect(future.state).toBe('PENDING');
    expect([future.running(), future.done(), future.cancelled()]).toEqual([false, false, false]);
    expect(future.setRunningOrNotifyCancel()).toBe(true);
    expect(future.state).toBe('RUNNING');
    expect(future.running()).toBe(true);
    future.setResult(7);
    expect(future.state).toBe('FINISHED');
    expect([future.running(), future.done(), future.cancelled()]).toEqual([false, true, false]);
  });

  it('cancel() is true for a pending or already-cancelled future and false once running or finished', () => {
    const pending = new Future<void>();
    expect(pending.cancel()).toBe(true);
    expect(pending.state).toBe('CANCELLED');
    expect(pending.cancel()).toBe(true);
    expect([pending.done(), pending.cancelled()]).toEqual([true, true]);

    const running = new Future<void>();
    running.setRunningOrNotifyCancel();
    expect(running.cancel()).toBe(false);
    expect(running.state).toBe('RUNNING');

    const finished = new Future<void>();
    finished.setResult();
    expect(finished.cancel()).toBe(false);
    expect(finished.state).toBe('FINISHED');
  });

  it('setRunningOrNotifyCancel() reports a cancelled future and refuses one that already started', () => {
    const cancelled = new Future<void>();
    cancelled.cancel();
    expect(cancelled.setRunningOrNotifyCancel()).toBe(false);

    const running = new Future<void>();
    running.setRunningOrNotifyCancel();
    expect(() => running.setRunningOrNotifyCancel()).toThrow(InvalidStateError);
  });

  it('setting an outcome twice, or on a cancelled future, throws InvalidStateError', () => {
    const finished = new Future<number>();
    finished.setResult(1);
    expect(() => finished.setResult(2)).toThrow(InvalidStateError);
    expect(() => finished.setException(new Error('x'))).toThrow(InvalidStateError);

    const cancelled = new Future<number>();
    cancelled.cancel();
    expect(() => cancelled.setResult(1)).toThrow(InvalidStateError);
  });

  it('setException() may finish a future straight from PENDING, as in Python', async () => {
    const future = new Future<number>();
    const error = new Error('failed before starting');
    future.setException(error);
    expect(future.state).toBe('FINISHED');
    await expect(future.exception()).resolves.toBe(error);
  });

  it('state is read-only', () => {
    const future = new Future<number>();
    expect(() => {
      (future as unknown as { state: string }).state = 'FINISHED';
    }).toThrow(TypeError);
  });
});

describe('Future.result() and exception()', () => {
  it('resolves with the value, and exception() with undefined, on success', async () => {
    const future = new Future<string>();
    setTimeout(() => future.setResult('ok'), 5);
    await expect(future.result()).resolves.toBe('ok');
    await expect(future.exception()).resolves.toBeUndefined();
  });

  it('rejects with the task\'s own error object, which exception() returns', async () => {
    class CustomError extends Error {
      code = 'E_CUSTOM';
    }
    const error = new CustomError('boom');
    const future = new Future<string>();
    future.setException(error);
    await expect(future.result()).rejects.toBe(error);
    await expect(future.exception()).resolves.toBe(error);
  });

  it('rejects with CancelledError once cancelled, for result() and exception() alike', async () => {
    const future = new Future<string>();
    const waiting = future.result();
    future.cancel();
    await expect(waiting).rejects.toBeInstanceOf(CancelledError);
    await expect(future.result()).rejects.toBeInstanceOf(CancelledError);
    await expect(future.exception()).rejects.toBeInstanceOf(CancelledError);
  });

  it('rejects with TimeoutError when not done in time, leaving the future untouched', async () => {
    const future = new Future<string>();
    await expect(future.result(10)).rejects.toBeInstanceOf(TimeoutError);
    await expect(future.result(2.6)).rejects.toThrow('future not done within 3 ms');
    await expect(future.exception(0)).rejects.toBeInstanceOf(TimeoutError);
    expect(future.state).toBe('PENDING');
    future.setResult('later');
    await expect(future.result(10)).resolves.toBe('later');
  });

  it('answers at once for a done future even with a zero timeout', async () => {
    const future = new Future<number>();
    future.setResult(3);
    await expect(future.result(0)).resolves.toBe(3);
  });

  it('treats Infinity and delays beyond the timer range as "no limit" (never an instant timeout)', async () => {
    const future = new Future<number>();
    const forever = future.result(Infinity);
    const huge = future.result(2 ** 40);
    setTimeout(() => future.setResult(9), 5);
    await expect(Promise.all([forever, huge])).resolves.toEqual([9, 9]);
  });

  it('rejects bad timeouts with a RangeError or TypeError naming the value', () => {
    const future = new Future<number>();
    expect(() => future.result(-1)).toThrow(RangeError);
    expect(() => future.result(Number.NaN)).toThrow(RangeError);
    expect(() => future.result('5' as unknown as number)).toThrow(TypeError);
    expect(() => future.result(-1)).toThrow(/received -1/);
  });

  it('a timed-out wait removes its listener from the future', async () => {
    const future = new Future<number>();
    await future.result(1).catch(() => undefined);
    expect(listenerCount(future)).toBe(0);
  });
});

describe('Future as a thenable', () => {
  it('await future equals await future.result()', async () => {
    const future = new Future<number>();
    setTimeout(() => future.setResult(42), 1);
    expect(await future).toBe(42);
  });

  it('await on a failed future throws the task error', async () => {
    const future = new Future<number>();
    const error = new RangeError('bad');
    future.setException(error);
    await expect((async () => await future)()).rejects.toBe(error);
  });

  it('catch() and finally() behave as on result()', async () => {
    const failed = new Future<number>();
    failed.setException(new Error('x'));
    await expect(failed.catch(() => 'recovered')).resolves.toBe('recovered');
    const settled = jest.fn();
    const ok = new Future<number>();
    ok.setResult(4);
    await expect(ok.finally(settled)).resolves.toBe(4);
    expect(settled).toHaveBeenCalledTimes(1);
  });

  it('then() chains like a promise', async () => {
    const future = new Future<number>();
    future.setResult(2);
    await expect(future.then((n) => n * 10)).resolves.toBe(20);
    const failed = new Future<number>();
    failed.setException(new Error('x'));
    await expect(failed.then(undefined, () => 'recovered')).resolves.toBe('recovered');
  });
});

describe('Future.then follows Promises/A+', () => {
  it('returns a real Promise and calls its callbacks asynchronously, pending or already done', async () => {
    const order: string[] = [];
    const done = new Future<number>();
    done.setResult(1);
    const fromDone = done.then((n) => order.push(`done ${n}`));
    const pending = new Future<number>();
    const fromPending = pending.then((n) => order.push(`pending ${n}`));
    pending.setResult(2);
    order.push('sync');
    expect(fromDone).toBeInstanceOf(Promise);
    expect(fromPending).toBeInstanceOf(Promise);
    await Promise.all([fromDone, fromPending]);
    expect(order).toEqual(['sync', 'done 1', 'pending 2']);
  });

  it('runs done callbacks when the future settles and then-callbacks after, each kind in the order added', async () => {
    const order: string[] = [];
    const future = new Future<string>();
    const first = future.then((v) => order.push(`then 1 ${v}`));
    future.addDoneCallback(() => order.push('done 1'));
    const second = future.then((v) => order.push(`then 2 ${v}`));
    future.addDoneCallback(() => order.push('done 2'));
    future.setResult('x');
    expect(order).toEqual(['done 1', 'done 2']);
    await Promise.all([first, second]);
    expect(order).toEqual(['done 1', 'done 2', 'then 1 x', 'then 2 x']);
  });

  it('rejects the returned promise with what a callback throws', async () => {
    const boom = new Error('boom');
    const ok = new Future<number>();
    const failed = new Future<number>();
    const fromOk = ok.then(() => {
      throw boom;
    });
    const fromFailed = failed.then(undefined, () => {
      throw boom;
    });
    ok.setResult(1);
    failed.setException(new Error('task'));
    await expect(fromOk).rejects.toBe(boom);
    await expect(fromFailed).rejects.toBe(boom);
    const done = new Future<number>();
    done.setResult(1);
    await expect(
      done.then(() => {
        throw boom;
      }),
    ).rejects.toBe(boom);
  });

  it('gives a settled future\'s outcome to a later then: value, error, or CancelledError', async () => {
    const error = new RangeError('bad');
    const ok = new Future<number>();
    ok.setResult(7);
    const failed = new Future<number>();
    failed.setException(error);
    const cancelled = new Future<number>();
    cancelled.cancel();
    await expect(ok.then((n) => n + 1)).resolves.toBe(8);
    await expect(failed.then(undefined, (e) => e)).resolves.toBe(error);
    await expect(cancelled.then(undefined, (e) => e)).resolves.toBeInstanceOf(CancelledError);
  });

  it('passes the outcome through when a callback is missing or not a function, and adopts a returned thenable', async () => {
    const error = new Error('x');
    const ok = new Future<number>();
    const failed = new Future<number>();
    const passed = ok.then(null, null);
    const passedError = failed.then((n) => n);
    ok.setResult(3);
    failed.setException(error);
    await expect(passed).resolves.toBe(3);
    await expect(passedError).rejects.toBe(error);
    const inner = new Future<string>();
    const adopted = ok.then(() => inner);
    inner.setResult('inner');
    await expect(adopted).resolves.toBe('inner');
  });

  it('calls each callback once and keeps no listener once the future settled', async () => {
    const future = new Future<number>();
    const onValue = jest.fn();
    const onError = jest.fn();
    const chained = future.then(onValue, onError);
    expect(listenerCount(future)).toBe(1);
    future.setResult(5);
    expect(listenerCount(future)).toBe(0);
    await chained;
    expect(onValue.mock.calls).toEqual([[5]]);
    expect(onError).not.toHaveBeenCalled();
  });

  it('calls a callback one microtask after the future settles, as a promise settled at that moment would', async () => {
    const order: string[] = [];
    const future = new Future<number>();
    const done = new Future<number>();
    done.setResult(0);
    const chained = future.then(() => order.push('future'));
    future.setResult(1);
    const native = Promise.resolve().then(() => order.push('promise'));
    const fromDone = done.then(() => order.push('done future'));
    const later = Promise.resolve().then(() => order.push('promise after'));
    await Promise.all([chained, native, fromDone, later]);
    expect(order).toEqual(['future', 'promise', 'done future', 'promise after']);
  });

  it('runs its callbacks in the async context of the then() call, not of the code that settles the future', async () => {
    const storage = new AsyncLocalStorage<string>();
    const future = new Future<number>();
    const seen = storage.run('reader', () => future.then(() => storage.getStore()));
    storage.run('settler', () => future.setResult(1));
    await expect(seen).resolves.toBe('reader');
  });
});

describe('Future done callbacks', () => {
  it('run once, in the order added, when the future finishes', () => {
    const future = new Future<number>();
    const calls: string[] = [];
    future.addDoneCallback((f) => calls.push(`a:${f.state}`));
    future.addDoneCallback(() => calls.push('b'));
    expect(calls).toEqual([]);
    future.setResult(1);
    expect(calls).toEqual(['a:FINISHED', 'b']);
    expect(() => future.setResult(2)).toThrow(InvalidStateError);
    expect(calls).toEqual(['a:FINISHED', 'b']);
  });

  it('run when the future is cancelled', () => {
    const future = new Future<number>();
    const states: string[] = [];
    future.addDoneCallback((f) => states.push(f.state));
    future.cancel();
    future.cancel();
    expect(states).toEqual(['CANCELLED']);
  });

  it('run at once if the future is already done', () => {
    const future = new Future<number>();
    future.setResult(5);
    const seen: Future<number>[] = [];
    future.addDoneCallback((f) => seen.push(f));
    expect(seen).toEqual([future]);
  });

  it('the same function added twice runs twice, as in Python', () => {
    const future = new Future<number>();
    const fn = jest.fn();
    future.addDoneCallback(fn);
    future.addDoneCallback(fn);
    future.setResult(1);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('a callback that throws is reported as a warning and harms neither the future nor the other callbacks', async () => {
    const future = new Future<number>();
    const after = jest.fn();
    const warnings = captureWarnings(() => {
      future.addDoneCallback(() => {
        throw new Error('callback bug');
      });
      future.addDoneCallback(after);
      future.setResult(3);
    });
    expect(after).toHaveBeenCalledTimes(1);
    expect(future.state).toBe('FINISHED');
    await expect(future.result()).resolves.toBe(3);
    expect(warnings).toEqual(['FutureCallbackError']);
  });

  it('rejects a callback that is not a function', () => {
    expect(() => new Future<number>().addDoneCallback(42 as never)).toThrow(TypeError);
  });
});

describe('Future as an Observable', () => {
  it('emits the value then completes, to every subscriber', async () => {
    const future = new Future<number>();
    const first = lastValueFrom(future.pipe(toArray()));
    const second = firstValueFrom(future);
    future.setResult(8);
    await expect(first).resolves.toEqual([8]);
    await expect(second).resolves.toBe(8);
    await expect(firstValueFrom(future)).resolves.toBe(8); // late subscriber
  });

  it('errors with the task error, or with CancelledError', async () => {
    const failed = new Future<number>();
    const error = new Error('nope');
    failed.setException(error);
    await expect(firstValueFrom(failed)).rejects.toBe(error);

    const cancelled = new Future<number>();
    const seen = firstValueFrom(cancelled);
    cancelled.cancel();
    await expect(seen).rejects.toBeInstanceOf(CancelledError);
  });

  it('subscribing starts nothing and unsubscribing only detaches', () => {
    const future = new Future<number>();
    const next = jest.fn();
    const subscription = future.subscribe(next);
    expect(future.state).toBe('PENDING');
    expect(listenerCount(future)).toBe(1);
    subscription.unsubscribe();
    expect(listenerCount(future)).toBe(0);
    expect(future.state).toBe('PENDING');
    future.setResult(1);
    expect(next).not.toHaveBeenCalled();
  });
});

describe('Future and unhandled rejections', () => {
  it('a failed future that nobody reads does not raise unhandledRejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const future = new Future<number>();
      future.setException(new Error('kept silently'));
      const cancelled = new Future<number>();
      cancelled.cancel();
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});

describe('Future.toString()', () => {
  it('shows the state and, when failed, the error name', () => {
    const future = new Future<number>();
    expect(String(future)).toBe('<Future state=PENDING>');
    future.setException(new TypeError('x'));
    expect(String(future)).toBe('<Future state=FINISHED raised TypeError>');
  });
});


describe('console.log(future) (util.inspect)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { inspect } = require('node:util') as typeof import('node:util');

  it('shows the state, and the result or exception once finished, in every state', () => {
    const pending = new Future<number>();
    expect(inspect(pending)).toBe("Future { state: 'PENDING' }");
    const running = new Future<number>();
    running.setRunningOrNotifyCancel();
    expect(inspect(running)).toBe("Future { state: 'RUNNING' }");
    const finished = new Future<number>();
    finished.setResult(9);
    expect(inspect(finished)).toBe("Future { state: 'FINISHED', result: 9 }");
    const cancelled = new Future<number>();
    cancelled.cancel();
    expect(inspect(cancelled)).toBe("Future { state: 'CANCELLED' }");
    const failed = new Future<number>();
    const error = new RangeError('boom');
    error.stack = 'RangeError: boom';
    failed.setException(error);
    expect(inspect(failed)).toBe("Future { state: 'FINISHED', exception: [RangeError: boom] }");
  });

  it('shows neither its listeners nor its executor, and nests like any object', () => {
    const future = new Future<{ rows: number[] }>();
    future.addDoneCallback(() => undefined);
    future._waitGuard = { beginWait: () => undefined, hugeExecutorState: 'x'.repeat(10_000) } as never;
    expect(inspect(future)).toBe("Future { state: 'PENDING' }");
    future.setResult({ rows: [1, 2] });
    expect(inspect({ a: { future } })).toBe("{ a: { future: Future { state: 'FINISHED', result: [Object] } } }");
    expect(inspect({ a: { b: { future } } })).toBe('{ a: { b: { future: [Future] } } }');
  });
});
