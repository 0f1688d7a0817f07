import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { AsyncExecutor, ThreadPoolExecutor, type Executor, type Future } from '../../src';
import { budget, params } from './support/params';

// Retry counts under random failures: for any pattern of failing and succeeding attempts, any `retries` and any
// `retryIf` cut-off, the future's outcome and `attempts` are what the rules predict, and no attempt runs beyond them.

/** The attempt the model predicts the task ends on, and whether it ends in success. */
function predict(plan: boolean[], retries: number, retryBelow: number | undefined): { attempts: number; ok: boolean } {
  for (let attempt = 1; ; attempt++) {
    const fails = plan[attempt - 1] ?? false;
    if (!fails) return { attempts: attempt, ok: true };
    const retried = attempt <= retries && (retryBelow === undefined || attempt < retryBelow);
    if (!retried) return { attempts: attempt, ok: false };
  }
}

/** Runs attempt n as `plan[n - 1]` says (true: throw), counting runs in the file at `path`: any thread can run it. */
const planned = (path: string, plan: boolean[]) => {
  const fs = require('node:fs') as typeof import('node:fs');
  const runs = (fs.existsSync(path) ? Number(fs.readFileSync(path, 'utf8')) : 0) + 1;
  fs.writeFileSync(path, String(runs));
  if (plan[runs - 1] ?? false) throw new RangeError(`run ${runs} fails`);
  return runs;
};

const cases = fc.record({
  plan: fc.array(fc.boolean(), { maxLength: 6 }),
  retries: fc.integer({ min: 0, max: 5 }),
  retryBelow: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  backoff: fc.constantFrom(0, 1, 3),
});

describe.each([
  { name: 'AsyncExecutor', runs: 120, make: (): Executor => new AsyncExecutor({ maxWorkers: 2 }) },
  { name: 'ThreadPoolExecutor', runs: 12, make: (): Executor => new ThreadPoolExecutor({ maxWorkers: 2 }) },
])('$name', ({ runs, make }) => {
  const executor = make();
  const dir = mkdtempSync(join(tmpdir(), 'rxf-retry-prop-'));
  let serial = 0;
  afterAll(async () => {
    await executor.shutdown({ cancelFutures: true, timeout: 2000 });
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'a retried future ends on the attempt the rules predict, with that outcome, and runs no further attempt',
    async () => {
      await fc.assert(
        fc.asyncProperty(cases, async ({ plan, retries, retryBelow, backoff }) => {
          const path = join(dir, String(serial++));
          const retryIf = retryBelow === undefined ? undefined : (_error: unknown, attempts: number) => attempts < retryBelow;
          const future: Future<number> = executor.submitWith({ retries, backoff, retryIf }, planned, path, plan);
          const error = await future.exception(4000);
          const expected = predict(plan, retries, retryBelow);
          expect(error === undefined).toBe(expected.ok);
          if (!expected.ok) expect((error as Error).message).toBe(`run ${expected.attempts} fails`);
          else expect(await future).toBe(expected.attempts);
          expect(future.attempts).toBe(expected.attempts);
          const fs = await import('node:fs');
          expect(Number(fs.readFileSync(path, 'utf8'))).toBe(expected.attempts);
        }),
        params(runs, 5000),
      );
    },
    budget(60_000),
  );
});
