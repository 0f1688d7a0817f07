import { map, timer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { Future } from '../../../src/Future';

/** A TestScheduler that compares frames with jest's deep equality. */
export const newScheduler = (): TestScheduler =>
  new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** Futures are Observables, which marble assertions would expand; this maps each to its name instead. */
export const named = (names: Record<string, Future<unknown>>) => {
  const byFuture = new Map(Object.entries(names).map(([name, future]) => [future, name]));
  return map((future: Future<unknown>) => byFuture.get(future));
};

/** How many virtual frames each letter's task takes. */
export const letterDurations: Record<string, number> = { a: 5, b: 1, c: 1, d: 1, e: 5 };

/** The error `letterTask(true)` fails `b` with. */
export const boom = new Error('boom');

/**
 * A task for {@link VirtualExecutor}: takes `letterDurations[x]` virtual frames, then returns `x` in capitals, or
 * fails with {@link boom} for `b` when `failB` is set.
 */
export const letterTask =
  (failB = false) =>
  (x: string): string =>
    timer(letterDurations[x] as number).pipe(
      map(() => {
        if (failB && x === 'b') throw boom;
        return x.toUpperCase();
      }),
    ) as unknown as string;
