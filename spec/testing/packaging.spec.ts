/**
 * rxfutures/testing as users load it, from dist/ built by `npm test` (through the package's self-reference): ES module
 * import and CommonJS require, one copy of the Executor class shared with `rxfutures`, and fast-check left unloaded
 * (it is an optional peer the user passes in).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function runNode(args: string[]): unknown {
  return JSON.parse(execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 20_000 }).trim());
}

describe('the rxfutures/testing entry point', () => {
  it('imports as an ES module, runs a task through a hand-written scheduler, and shares Executor with rxfutures', () => {
    const script = `
      import { SchedulerExecutor, assertExecutorInvariants, InvariantViolation } from 'rxfutures/testing';
      import { Executor, RxFuturesError } from 'rxfutures';
      const executor = new SchedulerExecutor({ scheduler: { schedule: (task) => task } });
      const value = await executor.submit((n) => n * 2, 21);
      await executor.shutdown();
      assertExecutorInvariants(executor);
      console.log(JSON.stringify({
        value,
        executor: executor instanceof Executor,
        error: new InvariantViolation('rule', ['x']) instanceof RxFuturesError,
      }));`;
    expect(runNode(['--input-type=module', '-e', script])).toEqual({ value: 42, executor: true, error: true });
  });

  it('requires as CommonJS without loading fast-check, and ships its type declarations', () => {
    const script = `
      const testing = require('rxfutures/testing');
      console.log(JSON.stringify({
        exports: Object.keys(testing).sort(),
        fastCheckLoaded: Object.keys(require.cache).some((file) => file.includes('fast-check')),
      }));`;
    expect(runNode(['-e', script])).toEqual({
      exports: [
        'InvariantViolation',
        'SchedulerExecutor',
        'assertExecutorInvariants',
        'assertNoTaskRanAfterCancel',
        'assertSettledExactlyOnce',
      ],
      fastCheckLoaded: false,
    });
    type Condition = { types: string; default: string };
    const pkg = require(join(root, 'package.json')) as { exports: Record<string, { import: Condition; require: Condition }> };
    const { import: esm, require: cjs } = pkg.exports['./testing']!;
    for (const file of [esm.types, cjs.types]) expect(existsSync(join(root, file))).toBe(true);
  });
});
