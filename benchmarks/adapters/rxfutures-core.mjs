// rxfutures' module functions `asCompleted` and `wait` over futures that are already done (workload 5a): their own
// cost per future, with no executor in the way. The futures are made before the clock starts.
import { packageVersion } from '../lib/paths.mjs';

/**
 * Makes `n` done futures, then times `pass(futures)`, which resolves to how many futures it saw.
 * @returns `{ ms }` of the pass alone.
 */
async function timePass(n, pass) {
  const { Future } = await import('rxfutures');
  const futures = Array.from({ length: n }, (_, i) => {
    const future = new Future();
    future.setResult(i);
    return future;
  });
  const start = performance.now();
  const seen = await pass(futures);
  const ms = performance.now() - start;
  if (seen !== n) throw new Error(`the pass saw ${seen} of ${n} futures`);
  return { ms };
}

export default {
  id: 'rxfutures-core',
  label: `rxfutures ${packageVersion('rxfutures')}`,
  kind: 'loop',
  async open() {
    const { asCompleted, wait } = await import('rxfutures');
    return {
      /** asCompleted(futures).subscribe(...), until it completes. */
      asCompleted: (n) =>
        timePass(n, (futures) => {
          let count = 0;
          return new Promise((resolve, reject) =>
            asCompleted(futures).subscribe({ next: () => count++, error: reject, complete: () => resolve(count) }),
          );
        }),
      /** for await (const future of asCompleted(futures)). */
      asCompletedForAwait: (n) =>
        timePass(n, async (futures) => {
          let count = 0;
          for await (const future of asCompleted(futures)) if (future.done()) count++;
          return count;
        }),
      /** await wait(futures). */
      wait: (n) => timePass(n, async (futures) => (await wait(futures)).done.size),
      close: async () => {},
    };
  },
};
