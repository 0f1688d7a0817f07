import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClosureVariableError } from '../../src/errors/ClosureVariableError';
import { poolKinds, poolTracker } from '../executors/poolKinds';

const root = join(__dirname, '..', '..');
const fixtures = join(root, 'spec', 'fixtures');

describe.each(poolKinds)('$name inline task stack traces', (kind) => {
  const pools = poolTracker();
  afterEach(() => pools.cleanup());

  it("name the task and the file and line where it was written, not 'eval at compileInlineTask'", async () => {
    const file = join(fixtures, 'inlineStack.cjs');
    const lines = readFileSync(file, 'utf8').split('\n');
    const lineOf = (text: string) => lines.findIndex((line) => line.includes(text)) + 1;
    const { stacks } = require(file) as { stacks(pool: unknown): Promise<[string, string]> };
    const [parse, check] = await stacks(pools.make(kind, { maxWorkers: 1 }));
    expect(parse).toContain(`at parseRecord (${file}:${lineOf('throw new RangeError(`expected')}:`);
    expect(check).toContain(`at checkPositive (${file}:${lineOf("throw new RangeError('negative')")}:`);
    expect(`${parse}\n${check}`).not.toContain('compileInlineTask');
  });
});

// Variables of this file that happen to have compiler helpers' names (Babel's `_extends`, tslib's `__assign`).
const _extends = (label: string) => `user's own _extends: ${label}`;
const __assign = (label: string) => `user's own __assign: ${label}`;

describe.each(poolKinds)('$name user variables named like compiler helpers', (kind) => {
  const pools = poolTracker();
  afterEach(() => pools.cleanup());

  it('are never replaced by the helper: the task fails with ClosureVariableError as for any closure variable', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const errors = await Promise.all([
      pool.submit((label: string) => _extends(label), 'a').exception(20_000),
      pool.submit((label: string) => __assign(label), 'b').exception(20_000),
    ]);
    expect(errors[0]).toBeInstanceOf(ClosureVariableError);
    expect(errors[1]).toBeInstanceOf(ClosureVariableError);
  });
});

describe('inline task stack traces under tsx', () => {
  it('name the line of the file as written, though tsx compiled it in memory onto fewer lines', async () => {
    const file = join(fixtures, 'inlineStackTsx.ts');
    const line = readFileSync(file, 'utf8').split('\n').findIndex((text) => text.includes('throw new RangeError')) + 1;
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(join(root, 'node_modules', '.bin', 'tsx'), [file], { timeout: 30_000 }, (error, out, err) =>
        error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
      );
    });
    const stacks = JSON.parse(stdout) as string[];
    expect(stacks).toHaveLength(2);
    for (const stack of stacks) expect(stack).toContain(`${file}:${line}:`);
  });
});

describe.each(poolKinds)('$name initializer using a closure variable', (kind) => {
  const pools = poolTracker();
  afterEach(() => pools.cleanup());

  it('breaks the pool with a ClosureVariableError that names the initializer as the cause', async () => {
    const prefix = 'from-the-enclosing-scope';
    const pool = pools.make(kind, { maxWorkers: 1, initializer: () => ((globalThis as { tag?: string }).tag = prefix) });
    const error = (await pool.submit(() => 1).exception(20_000)) as Error;
    expect(error).toBeInstanceOf(kind.Broken);
    expect(error.cause).toBeInstanceOf(ClosureVariableError);
    expect((error.cause as Error).message).toMatch(/^the initializer uses 'prefix'/);
  });
});

/**
 * An app in its own folder, with a package in its node_modules (CommonJS and ES entries) and modules of its own,
 * started from `/` as a service manager would. `lib/tasks.mjs` submits tasks that resolve from lib/; `main.mjs`
 * submits tasks that resolve from the app's root, and an initializer. A task submitted by code without a file (a timer
 * set by eval'd code in lib/) resolves from the entry script's folder.
 */
const APP: Record<string, string> = {
  'node_modules/greet/package.json': JSON.stringify({ name: 'greet', exports: { import: './index.mjs', require: './index.cjs' } }),
  'node_modules/greet/index.mjs': "export const kind = 'esm';\n",
  'node_modules/greet/index.cjs': "exports.kind = 'cjs';\n",
  'answer.mjs': 'export const answer = 42;\n',
  'helper.cjs': "module.exports = 'root helper';\n",
  'lib/helper.cjs': "module.exports = 'lib helper';\n",
  'lib/tasks.mjs': `
import { runInThisContext } from 'node:vm';

export async function fromLib(pool) {
  // Submitted by eval'd code from a timer: no frame has a file, so the entry script's folder counts.
  const submitLater = runInThisContext(
    '(pool, resolve) => setTimeout(() => resolve(pool.submit(() => require("./helper.cjs"))), 0)',
    { filename: 'virtual' },
  );
  return {
    relativeRequire: await pool.submit(() => require('./helper.cjs')),
    relativeImport: await pool.submit(async () => (await import('./helper.cjs')).default),
    withoutFile: await new Promise((resolve) => submitLater(pool, resolve)),
  };
}
`,
  'main.mjs': `
import * as rxfutures from 'rxfutures';
import { fromLib } from './lib/tasks.mjs';

const results = {};
for (const Kind of [rxfutures.ThreadPoolExecutor, rxfutures.ProcessPoolExecutor]) {
  const pool = new Kind({ maxWorkers: 1, initializer: () => { globalThis.initGreeting = require('greet').kind; } });
  try {
    results[Kind.name] = {
      bareRequire: await pool.submit(() => require('greet').kind),
      bareImport: await pool.submit(async () => (await import('greet')).kind),
      relativeImport: await pool.submit(async () => (await import('./answer.mjs')).answer),
      relativeRequire: await pool.submit(() => require('./helper.cjs')),
      initializer: await pool.submit(() => globalThis.initGreeting),
      lib: await fromLib(pool),
    };
  } catch (error) {
    results[Kind.name] = String(error);
  } finally {
    await pool.shutdown({ cancelFutures: true, timeout: 5000 });
  }
}
console.log(JSON.stringify(results));
`,
};

describe('require() and import() inside inline tasks', () => {
  let app: string;
  beforeAll(() => {
    app = mkdtempSync(join(tmpdir(), 'rxf-resolve-'));
    for (const [file, text] of Object.entries(APP)) {
      mkdirSync(join(app, file, '..'), { recursive: true });
      writeFileSync(join(app, file), text);
    }
    symlinkSync(root, join(app, 'node_modules', 'rxfutures'), 'dir');
  });
  afterAll(() => rmSync(app, { recursive: true, force: true }));

  it('resolve from the file that submitted the task, whatever the working directory, on both pools', async () => {
    const [stdout, stderr] = await new Promise<[string, string]>((resolve, reject) => {
      execFile(process.execPath, [join(app, 'main.mjs')], { cwd: '/', timeout: 60_000 }, (error, out, err) =>
        error ? reject(new Error(`${error.message}\n${err}`)) : resolve([out, err]),
      );
    });
    // Node's loader for import() in compiled code warns that it is experimental: that warning is rxfutures', not the app's.
    expect(stderr).toBe('');
    const expected = {
      bareRequire: 'cjs',
      bareImport: 'esm',
      relativeImport: 42,
      relativeRequire: 'root helper',
      initializer: 'cjs',
      lib: { relativeRequire: 'lib helper', relativeImport: 'lib helper', withoutFile: 'root helper' },
    };
    expect(JSON.parse(stdout)).toEqual({ ThreadPoolExecutor: expected, ProcessPoolExecutor: expected });
  });
});
