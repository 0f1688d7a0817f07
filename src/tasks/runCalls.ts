import { ARGUMENT_LISTS, ONE_CALL, type ChunkShape } from './callShapes';
import { isThenable } from '../internal/isThenable';
import type { AnyFunction } from './moduleTask';

/**
 * Runs the calls of a work item with its task function already at hand: one call, or a chunk's calls one after
 * another, in order. This is how every executor runs an item, wherever the function lives: a transport that sends
 * `item.chunk` and `item.args` to a worker as they are calls `runCalls(fn, chunk, args)` there, and need not know the
 * shapes (see {@link WorkItem.chunk}).
 *
 * For one call it returns what `fn` returns (a value or a promise). For a chunk it returns the array of results, at
 * once while every call returns a plain value, or as a promise from the first call that returns a promise (each later
 * call starts once the one before it has settled, so a chunk's calls never overlap).
 *
 * @param fn - the task function (a module task already imported).
 * @param chunk - the item's {@link WorkItem.chunk}: {@link ONE_CALL}, {@link ARGUMENT_LISTS} or {@link SINGLE_ARGUMENTS}.
 * @param args - the item's {@link WorkItem.args}.
 * @returns the outcome: a value, or a promise of it.
 * @throws whatever a call throws synchronously (a promise that rejects, for a call after the first asynchronous one).
 * @example
 * ```ts
 * // in a worker: the message carries the item's shape and arguments as they are
 * const outcome = await runCalls(fn, message.chunk, message.args);
 * ```
 */
export function runCalls(fn: AnyFunction, chunk: ChunkShape, args: unknown[]): unknown {
  if (chunk === ONE_CALL) return fn(...args);
  const call = chunk === ARGUMENT_LISTS ? (i: number) => fn(...(args[i] as unknown[])) : (i: number) => fn(args[i]);
  const count = args.length;
  const results: unknown[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const outcome = call(i);
    if (isThenable(outcome)) {
      return (async () => {
        results[i] = await outcome;
        for (let j = i + 1; j < count; j++) results[j] = await call(j);
        return results;
      })();
    }
    results[i] = outcome;
  }
  return results;
}
