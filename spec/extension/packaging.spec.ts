/**
 * rxfutures/executor as users load it, from dist/ built by `npm test` (through the package's self-reference): ES
 * module import and CommonJS require, the same Executor class as `rxfutures`, and its type declarations.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function runNode(args: string[]): unknown {
  return JSON.parse(execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 20_000 }).trim());
}

describe('the rxfutures/executor entry point', () => {
  it('imports as an ES module, shares Executor with rxfutures, and its runner runs every call shape', () => {
    const script = `
      import { Executor, ONE_CALL, ARGUMENT_LISTS, SINGLE_ARGUMENTS, runCalls, loadTask, taskDefinition,
        serializeError, deserializeError } from 'rxfutures/executor';
      import * as rxfutures from 'rxfutures';
      const add = await loadTask(taskDefinition((a, b) => a + b));
      const error = deserializeError(serializeError(new rxfutures.CancelledError('gone')));
      console.log(JSON.stringify({
        executor: Executor === rxfutures.Executor,
        one: runCalls(add, ONE_CALL, [1, 2]),
        lists: runCalls(add, ARGUMENT_LISTS, [[1, 2], [3, 4]]),
        singles: runCalls((n) => n * 2, SINGLE_ARGUMENTS, [1, 2, 3]),
        error: error instanceof rxfutures.CancelledError,
      }));`;
    expect(runNode(['--input-type=module', '-e', script])).toEqual({
      executor: true,
      one: 3,
      lists: [3, 7],
      singles: [2, 4, 6],
      error: true,
    });
  });

  it('requires as CommonJS and ships its type declarations', () => {
    const script = `
      const extension = require('rxfutures/executor');
      console.log(JSON.stringify({ same: extension.PoolExecutor === require('rxfutures').PoolExecutor }));`;
    expect(runNode(['-e', script])).toEqual({ same: true });
    type Condition = { types: string; default: string };
    const pkg = require(join(root, 'package.json')) as { exports: Record<string, { import: Condition; require: Condition }> };
    const { import: esm, require: cjs } = pkg.exports['./executor']!;
    for (const file of [esm.types, cjs.types]) expect(existsSync(join(root, file))).toBe(true);
  });
});
