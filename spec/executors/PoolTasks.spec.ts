import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ClosureVariableError } from '../../src/errors/ClosureVariableError';
import { SerializationError } from '../../src/errors/SerializationError';
import { moduleTask } from '../../src/tasks/moduleTask';
import { poolKinds, poolTracker } from './poolKinds';

const fixtures = join(__dirname, '..', 'fixtures');
// The instrumenter jest --coverage uses (a dependency of jest; no types shipped).
const { createInstrumenter } = require('istanbul-lib-instrument') as {
  createInstrumenter(options: object): { instrumentSync(code: string, filename: string): string };
};
const cjs = join(fixtures, 'poolTasks.cjs');
const esm = pathToFileURL(join(fixtures, 'poolTasks.mjs'));

describe.each(poolKinds)('$name tasks', (kind) => {
  const pools = poolTracker();
  afterEach(() => pools.cleanup());

  it('runs an inline function with arguments and returns its value', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    await expect(pool.submit((n: number) => n ** 3, 5)).resolves.toBe(125);
    await expect(pool.submit((a: string, b: number[]) => `${a}:${b.length}`, 'x', [1, 2])).resolves.toBe('x:2');
  });

  it('round-trips Map, Set, Date, BigInt and typed arrays', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const value = { m: new Map([[1, 'a']]), s: new Set([2]), d: new Date(5), b: 10n ** 20n, t: new Uint8Array([1, 2]) };
    // Jest's sandbox has its own Map/Set classes, so compare through the values' own methods.
    const copy = await pool.submit((v: typeof value) => v, value);
    expect([copy.m.get(1), copy.s.has(2), copy.d.getTime(), copy.b, Array.from(copy.t)]).toEqual(['a', true, 5, 10n ** 20n, [1, 2]]);
  });

  it('lets inline functions require() and await import() modules', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    await expect(pool.submit(() => require('node:path').sep as string)).resolves.toBe(require('node:path').sep);
    await expect(pool.submit(async () => (await import('node:os')).EOL)).resolves.toBe(require('node:os').EOL);
  });

  it('compiles each inline function once per worker: globals set by one call are seen by the next', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const count = () => ((globalThis as { __calls?: number }).__calls = ((globalThis as { __calls?: number }).__calls ?? 0) + 1);
    const results = await Promise.all([1, 2, 3].map(() => pool.submit(count)));
    expect(results).toEqual([1, 2, 3]);
  });

  it('fails a task that uses a variable of its enclosing scope with ClosureVariableError naming it', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const factor = 3;
    const error = await pool.submit((n: number) => n * factor, 2).exception(10_000);
    expect(error).toBeInstanceOf(ClosureVariableError);
    expect((error as Error).message).toContain("'factor'");
    expect((error as Error).cause).toBeInstanceOf(ReferenceError);
    await expect(pool.submit((n: number) => n + 1, 1)).resolves.toBe(2);
  });

  it('runs functions instrumented for coverage (istanbul counters are stripped)', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const instrumented = createInstrumenter({ esModules: false }).instrumentSync(
      'module.exports = function pick(x, y = 2) { if (x > 1) { return (x || y) * 10; } return x && y ? 1 : 0; };',
      join(fixtures, 'instrumented-virtual.js'),
    );
    expect(instrumented).toMatch(/cov_\w+\(\)\.s\[/);
    const module = { exports: undefined as unknown };
    new Function('module', instrumented)(module);
    const pick = module.exports as (x: number, y?: number) => number;
    expect(pick.toString()).toContain('cov_');
    await expect(Promise.all([pool.submit(pick, 5), pool.submit(pick, 1), pool.submit(pick, 0)])).resolves.toEqual([50, 1, 0]);
  });

  it('runs CommonJS and ES module tasks', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const triple = moduleTask<(n: number) => number>(cjs, 'triple');
    const square = moduleTask<(n: number) => number>(esm);
    const slowAdd = moduleTask<(a: number, b: number) => Promise<number>>(esm, 'slowAdd');
    await expect(pool.submit(triple, 4)).resolves.toBe(12);
    await expect(pool.submit(square, 4)).resolves.toBe(16);
    await expect(pool.submit(slowAdd, 4, 5)).resolves.toBe(9);
  });

  it('reports the worker name and shares globalThis between the initializer and tasks', async () => {
    const pool = pools.make(kind, {
      maxWorkers: 1,
      threadNamePrefix: 'Crunch',
      initializer: moduleTask(cjs, 'setGlobal'),
      initArgs: ['from-init'],
    });
    await expect(pool.submit(moduleTask<() => string>(cjs, 'whoAmI'))).resolves.toBe('Crunch_0');
    await expect(pool.submit(moduleTask<() => string>(cjs, 'readGlobal'))).resolves.toBe('from-init');
    const inlineInit = pools.make(kind, { maxWorkers: 1, initializer: (v: string) => ((globalThis as { __v?: string }).__v = v), initArgs: ['i'] });
    await expect(inlineInit.submit(() => (globalThis as { __v?: string }).__v)).resolves.toBe('i');
  });

  it('names workers like Python: <Class>-<n>_<k>', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const name = await pool.submit(() => require('rxfutures').currentWorkerName() as string);
    expect(name).toMatch(new RegExp(`^${kind.name}-\\d+_0$`));
  });

  it('rebuilds task errors: class, message, own properties, cause and the remote stack', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const error = (await pool
      .submit(function failingTask() {
        class ParseError extends Error {}
        const e = new ParseError('bad input', { cause: new RangeError('too big') }) as Error & { code?: string };
        Object.defineProperty(e, 'name', { value: 'ParseError' });
        e.code = 'E_PARSE';
        throw e;
      })
      .exception(10_000)) as Error & { code?: string };
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ParseError');
    expect(error.message).toBe('bad input');
    expect(error.code).toBe('E_PARSE');
    expect(error.cause).toBeInstanceOf(RangeError);
    expect((error.cause as Error).message).toBe('too big');
    expect(error.stack).toContain('failingTask');
    const typed = await pool.submit(() => (null as unknown as { x: number }).x).exception(10_000);
    expect(typed).toBeInstanceOf(TypeError);
  });

  it('passes thrown non-errors through as they are', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    await expect(pool.submit(() => { throw 'text'; }).exception(10_000)).resolves.toBe('text');
    const f = pool.submit(() => { throw undefined; });
    await expect(f.exception(10_000)).resolves.toBeUndefined();
    expect(f.state).toBe('FINISHED');
    await expect(pool.submit(() => Promise.reject({ code: 7 })).exception(10_000)).resolves.toEqual({ code: 7 });
  });

  it('fails only the future whose arguments cannot be sent, and the next task runs', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const before = pool.submit((n: number) => n, 1);
    const bad = pool.submit((f: unknown) => typeof f, () => 1);
    const badSymbol = pool.submit((f: unknown) => typeof f, { s: Symbol('x') });
    const after = pool.submit((n: number) => n, 2);
    await expect(bad.exception(10_000)).resolves.toBeInstanceOf(SerializationError);
    await expect(badSymbol.exception(10_000)).resolves.toBeInstanceOf(SerializationError);
    await expect(Promise.all([before, after])).resolves.toEqual([1, 2]);
    expect(pool.isBroken).toBe(false);
  });

  it('fails only the future whose result cannot be sent back', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const futures = [pool.submit(() => 1), pool.submit(() => () => 2), pool.submit(() => Symbol('s')), pool.submit(() => 3)];
    const errors = await Promise.all(futures.map((f) => f.exception(10_000)));
    expect(errors[1]).toBeInstanceOf(SerializationError);
    expect(errors[2]).toBeInstanceOf(SerializationError);
    await expect(Promise.all([futures[0], futures[3]])).resolves.toEqual([1, 3]);
  });

  it('rejects functions whose source cannot be sent, at dispatch, without harming the pool', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    await expect(pool.submit(Math.max, 1, 2).exception(10_000)).resolves.toBeInstanceOf(TypeError);
    await expect(pool.submit(Math.max.bind(null), 1, 2).exception(10_000)).resolves.toBeInstanceOf(TypeError);
    await expect(pool.submit((a: number, b: number) => Math.max(a, b), 1, 2)).resolves.toBe(2);
  });

  it('runs methods written in shorthand', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    const tasks = { double(n: number) { return n * 2; }, async later(n: number) { return n + 1; } };
    await expect(pool.submit(tasks.double, 4)).resolves.toBe(8);
    await expect(pool.submit(tasks.later, 4)).resolves.toBe(5);
  });

  it('maps with chunksize: each chunk is one task in one worker, results in order', async () => {
    const pool = pools.make(kind, { maxWorkers: 2 });
    const inputs = Array.from({ length: 100 }, (_, i) => i);
    const results: number[] = [];
    for await (const value of pool.map((n: number) => n * 2, inputs, { chunksize: 16 })) results.push(value);
    expect(results).toEqual(inputs.map((n) => n * 2));
    const pairs: string[] = [];
    const worker = kind.workerId;
    for await (const value of pool.map((n: number) => `${Math.floor(n / 8)}:${require('rxfutures').currentWorkerName()}`, inputs.slice(0, 32), { chunksize: 8 })) pairs.push(value);
    for (let chunk = 0; chunk < 4; chunk++) {
      expect(new Set(pairs.slice(chunk * 8, chunk * 8 + 8)).size).toBe(1);
    }
    expect(typeof worker).toBe('function');
  });

  it('maps an endless generator with buffersize', async () => {
    const pool = pools.make(kind, { maxWorkers: 2 });
    function* naturals() {
      for (let i = 0; ; i++) yield i;
    }
    const results: number[] = [];
    for await (const value of pool.map((n: number) => n * n, naturals(), { buffersize: 4 })) {
      results.push(value);
      if (results.length === 20) break;
    }
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i * i));
  });

  it('runs 2,000 tasks in bulk across workers, each with its own result', async () => {
    const pool = pools.make(kind, { maxWorkers: 2 });
    const futures = Array.from({ length: 2000 }, (_, i) => pool.submit((x: number) => x * 2, i));
    const results = await Promise.all(futures);
    expect(results).toEqual(Array.from({ length: 2000 }, (_, i) => i * 2));
  });
});

describe.each(poolKinds)('$name unsendable tasks in a row', (kind) => {
  const pools = poolTracker();
  afterEach(() => pools.cleanup());

  it('keeps dispatching after several tasks in a row fail to send (the worker is not left idle)', async () => {
    const pool = pools.make(kind, { maxWorkers: 1 });
    await pool.submit(() => 0);
    for (let round = 0; round < 5; round++) {
      const bad = [1, 2, 3].map(() => pool.submit((f: unknown) => f, () => 1));
      const good = pool.submit((n: number) => n, round);
      await expect(good.result(10_000)).resolves.toBe(round);
      for (const f of bad) expect(await f.exception(10_000)).toBeInstanceOf(SerializationError);
    }
  });
});

describe.each(poolKinds)('$name TypeScript module tasks', (kind) => {
  const pools = poolTracker();
  afterEach(() => pools.cleanup());

  it('fails a .ts module task with an error that says to use a TypeScript loader when none is active', async () => {
    // jest runs workers with plain node (ts-jest transforms only inside jest), so no loader reaches the worker.
    const pool = pools.make(kind, { maxWorkers: 1 });
    const task = moduleTask<(n: number) => number>(join(fixtures, 'poolTypeScriptTask.ts'));
    const error = await pool.submit(task, 21).exception(10_000);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/TypeScript loader/);
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
  });
});

describe('TypeScript module tasks under tsx', () => {
  it('load in both pools when the program runs under tsx (workers inherit the loader)', async () => {
    const tsx = join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(tsx, [join(fixtures, 'poolTsx.ts')], { timeout: 25_000 }, (error, out) => (error ? reject(error) : resolve(out)));
    });
    expect(JSON.parse(stdout)).toEqual({ ThreadPoolExecutor: 42, ProcessPoolExecutor: 42 });
  });
});
