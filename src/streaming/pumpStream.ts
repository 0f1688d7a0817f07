import { isObservable, type Observable } from 'rxjs';
import { Deque } from '../internal/Deque';
import { describe } from '../internal/validate';
import { loadModuleTask } from '../tasks/loadModuleTask';
import { isModuleTask, type AnyFunction } from '../tasks/moduleTask';
import type { Task } from '../tasks/Task';
import type { StreamSink } from './StreamSink';

/**
 * Runs a stream task where it is (the event loop now; the worker runtime can reuse it) and writes every value it
 * yields to `sink`, honouring the sink's credit. Resolves when the task's values are exhausted or the sink closed
 * (then the iterator is closed with `return()`, or the Observable unsubscribed); rejects with the task's error.
 *
 * The task may be an async generator function, or return (or resolve to) an AsyncIterable, an Iterable other than
 * a string, or an Observable. An Observable cannot be paused: values it emits beyond the credit wait here, in the
 * producer's memory, and are written as credit arrives.
 *
 * @throws (rejects with) TypeError if the task returns anything else.
 */
export async function pumpStream<T>(fn: Task<unknown[], unknown>, args: unknown[], sink: StreamSink<T>): Promise<void> {
  const task: AnyFunction = isModuleTask(fn) ? await loadModuleTask(fn) : fn;
  const source = await task(...args);
  if (isObservable(source)) return pumpObservable(source as Observable<T>, sink);
  const iterator = toIterator<T>(source);
  if (iterator === undefined) {
    throw new TypeError(
      `a stream task must be an async generator function or return an AsyncIterable, an Iterable or an Observable; it returned ${describe(source)}`,
    );
  }
  while (!sink.closed) {
    const wait = sink.ready();
    if (wait !== undefined) await wait;
    if (sink.closed) break;
    const step = await iterator.next();
    if (step.done) return;
    sink.write(step.value);
  }
  await iterator.return?.();
}

function toIterator<T>(source: unknown): AsyncIterator<T> | Iterator<T> | undefined {
  if (source === null || (typeof source !== 'object' && typeof source !== 'function')) return undefined;
  const asyncIterable = source as AsyncIterable<T>;
  if (typeof asyncIterable[Symbol.asyncIterator] === 'function') return asyncIterable[Symbol.asyncIterator]();
  const iterable = source as Iterable<T>;
  if (typeof iterable[Symbol.iterator] === 'function') return iterable[Symbol.iterator]();
  return undefined;
}

function pumpObservable<T>(source: Observable<T>, sink: StreamSink<T>): Promise<void> {
  return new Promise((resolve, reject) => {
    const waiting = new Deque<T>();
    let ended: { error: unknown } | 'complete' | undefined;
    let flushing = false;
    const finish = () => {
      if (ended === undefined || (waiting.length > 0 && !sink.closed)) return;
      if (ended === 'complete' || sink.closed) resolve();
      else reject(ended.error);
    };
    const flush = async () => {
      if (flushing) return;
      flushing = true;
      while (waiting.length > 0 && !sink.closed) {
        const wait = sink.ready();
        if (wait !== undefined) await wait;
        if (!sink.closed) sink.write(waiting.shift() as T);
      }
      flushing = false;
      finish();
    };
    const subscription = source.subscribe({
      next: (value) => {
        waiting.push(value);
        void flush();
      },
      error: (error: unknown) => {
        ended = { error };
        finish();
      },
      complete: () => {
        ended = 'complete';
        finish();
      },
    });
    sink.onClose(() => {
      subscription.unsubscribe();
      ended ??= 'complete';
      resolve();
    });
  });
}
