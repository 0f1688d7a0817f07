import type { Future, ReturnWhen } from '../../../src';

/**
 * The truth a `wait()` result is checked against: add it before calling `wait` (its done callbacks then run before
 * wait's listeners) and it records the set of done futures at the moment the `returnWhen` condition first held.
 * `hasFailed(i)` says whether future `i` finished with an error.
 */
export function waitOracle<T>(futures: Future<T>[], returnWhen: ReturnWhen, hasFailed: (i: number) => boolean) {
  const doneSoFar = new Set<Future<T>>();
  let failed = false;
  let atCondition: Set<Future<T>> | undefined;
  futures.forEach((future, i) =>
    future.addDoneCallback((f) => {
      doneSoFar.add(f);
      failed ||= !f.cancelled() && hasFailed(i);
      const holds =
        doneSoFar.size === futures.length ||
        (returnWhen === 'FIRST_COMPLETED' && doneSoFar.size > 0) ||
        (returnWhen === 'FIRST_EXCEPTION' && failed);
      if (holds && atCondition === undefined) atCondition = new Set(doneSoFar);
    }),
  );
  return {
    /** The done set when the condition first held, or `undefined` if it has not held yet. */
    get atCondition() {
      return atCondition;
    },
    /** The done set now. */
    doneNow: () => new Set(doneSoFar),
  };
}

/** The indices of `some` within `all`, sorted: a readable form of a partition side. */
export function indicesOf<T>(all: Future<T>[], some: Set<Future<T>>): number[] {
  return [...some].map((f) => all.indexOf(f)).sort((a, b) => a - b);
}
