/**
 * The built package as users load it: ES module `import` and CommonJS `require` of both entry points, sharing one
 * copy of every class (so `instanceof` holds whichever way an error was loaded). Uses the package's self-reference
 * (`rxfutures` resolves to this package through its `exports`), against dist/ built by `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');

function runNode(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 20_000 }).trim();
}

describe('package entry points', () => {
  it('ES modules can import rxfutures and rxfutures/operators, sharing classes with require()', () => {
    const script = `
      import { AsyncExecutor, CancelledError, Future, BrokenProcessPool, BrokenExecutor } from 'rxfutures';
      import * as operators from 'rxfutures/operators';
      import { createRequire } from 'node:module';
      const cjs = createRequire(import.meta.url)('rxfutures');
      const future = new Future();
      future.cancel();
      const error = await future.result().catch((e) => e);
      const executor = new AsyncExecutor({ maxWorkers: 1 });
      const value = await executor.submit((n) => n * 2, 21);
      await executor.shutdown();
      console.log(JSON.stringify({
        value,
        esm: error instanceof CancelledError,
        cjs: error instanceof cjs.CancelledError,
        sameClass: cjs.Future === Future,
        broken: new BrokenProcessPool('x') instanceof BrokenExecutor,
        name: error.name,
        operators: typeof operators,
      }));`;
    const result = JSON.parse(runNode(['--input-type=module', '-e', script]));
    expect(result).toEqual({
      value: 42,
      esm: true,
      cjs: true,
      sameClass: true,
      broken: true,
      name: 'CancelledError',
      operators: 'object',
    });
  });

  it('CommonJS can require rxfutures and rxfutures/operators', () => {
    const script = `
      const { wait, FIRST_COMPLETED, Future } = require('rxfutures');
      require('rxfutures/operators');
      const done = new Future(); done.setResult(1);
      wait([done, new Future()], { returnWhen: FIRST_COMPLETED })
        .then(({ done, notDone }) => console.log(done.size + ':' + notDone.size));`;
    expect(runNode(['-e', script])).toBe('1:1');
  });

  it('ships type declarations for both entry points', () => {
    const pkg = require(join(root, 'package.json')) as { exports: Record<string, { types: string }> };
    const fs = require('node:fs') as typeof import('node:fs');
    for (const entry of ['.', './operators']) {
      expect(fs.existsSync(join(root, pkg.exports[entry].types))).toBe(true);
    }
  });
});
