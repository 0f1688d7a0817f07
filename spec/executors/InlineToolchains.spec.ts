import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { toolchains, type Toolchain } from '../helpers/toolchains';

// Inline tasks compiled by every toolchain a TypeScript user may have: one fixture program per configuration, run in
// child processes on both pools, through submit, map, mapOrdered and an initializer (see spec/fixtures/toolchains/).
const root = join(__dirname, '..', '..');
const program = join(root, 'spec', 'fixtures', 'toolchains', 'program.ts');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

/** What each pool kind must report for the fixture's tasks. */
const expected = {
  submit: { value: { label: 'stats', count: 3, mean: 14 / 3, keys: ['extra', 'first', 'second', 'third'] } },
  async: { value: { sum: 6, parts: [3, 6] } },
  asyncDeclaration: { value: 4 },
  map: { value: [2, 4, 6] },
  mapOrdered: { value: [8, 10] },
  initializer: { value: 'ready' },
  importInside: { value: 'file.txt' },
};

type Outcome = { value?: unknown; error?: string; message?: string };
type Results = Record<string, Record<string, Outcome>> & { sources: string };

/** A folder where the compiled programs find rxfutures, rxjs and the helper packages as an app's node_modules would. */
function makeApp(): string {
  const app = mkdtempSync(join(tmpdir(), 'rxf-toolchains-'));
  const link = (name: string, target: string) => {
    mkdirSync(dirname(join(app, 'node_modules', name)), { recursive: true });
    symlinkSync(target, join(app, 'node_modules', name), 'dir');
  };
  link('rxfutures', root);
  for (const name of ['rxjs', 'tslib', '@swc/helpers', '@babel/runtime', 'vitest']) link(name, join(root, 'node_modules', name));
  return app;
}

const DRIVER = `
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const require = createRequire(import.meta.url);
const inMemory = new Map();
// As ts-jest does: TypeScript compiled in memory runs under the .ts file's own name.
require.extensions['.ts'] = (module, filename) => module._compile(inMemory.get(filename), filename);
for (const { ids, file, code } of JSON.parse(process.argv[2])) {
  try {
    let loaded;
    if (code !== undefined) {
      inMemory.set(file, code);
      loaded = require(file);
    } else loaded = await import(pathToFileURL(file).href);
    const main = loaded.main ?? loaded.default?.main;
    process.stdout.write(JSON.stringify({ ids, results: await main() }) + '\\n');
  } catch (error) {
    process.stdout.write(JSON.stringify({ ids, failure: String(error?.stack ?? error) }) + '\\n');
  }
}
`;

/**
 * Runs a program at a low CPU priority (its pools' workers inherit it): the matrix is long, and the timing-sensitive
 * specs that jest runs beside it must not starve on a 2-core machine.
 */
function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('nice', ['-n', '15', command, ...args], { ...options, timeout: 150_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command} failed (${String(error.code ?? error.signal)}): ${stderr.slice(-4000)}`)) : resolve(stdout),
    );
  });
}

/** What is wrong with one configuration's results (nothing, when it works). */
function problems(ids: string[], results: Results, chain: Pick<Toolchain, 'helpers' | 'asyncMoved' | 'restMoved'>): string[] {
  const found: string[] = [];
  const name = ids.join(', ');
  for (const helper of chain.helpers) {
    if (!results.sources.includes(helper)) found.push(`${name}: the compiled tasks do not contain ${helper}`);
  }
  for (const kind of ['ThreadPoolExecutor', 'ProcessPoolExecutor']) {
    const outcomes = results[kind];
    const wrong = (what: string, outcome: unknown) => found.push(`${name} on ${kind}, ${what}: ${JSON.stringify(outcome)}`);
    for (const [what, outcome] of Object.entries(expected)) {
      if (what.startsWith('async') && chain.asyncMoved !== undefined) continue;
      if (what === 'submit' && chain.restMoved !== undefined) continue;
      if (!isDeepStrictEqual(outcomes[what], outcome)) wrong(what, outcomes[what]);
    }
    const moved: Array<[string, RegExp | undefined]> = [['async', chain.asyncMoved], ['asyncDeclaration', chain.asyncMoved], ['submit', chain.restMoved]];
    for (const [what, pattern] of moved) {
      const { error, message = '' } = outcomes[what];
      if (pattern !== undefined && (error !== 'ClosureVariableError' || !pattern.test(message))) wrong(`${what} (moved by the compiler)`, outcomes[what]);
    }
    const { error, message = '' } = outcomes.imported;
    if (error !== 'ClosureVariableError' || !message.includes("`createHash`, imported from 'node:crypto' outside the task")) {
      wrong('imported', outcomes.imported);
    }
  }
  return found;
}

describe('inline tasks under every compiler', () => {
  let app: string;
  const source = readFileSync(program, 'utf8');
  beforeAll(() => {
    app = makeApp();
    writeFileSync(join(app, 'driver.mjs'), DRIVER);
  });
  afterAll(() => rmSync(app, { recursive: true, force: true }));

  it('run unchanged when compiled by tsc (every target, CommonJS/ESM, importHelpers), esbuild, swc, Babel, ts-jest, tsx and Vitest', async () => {
    // Configurations whose output is the same run once.
    const groups = new Map<string, { ids: string[]; file: string; code?: string; chain: Toolchain }>();
    toolchains.forEach((chain) => {
      const dir = join(app, `c${groups.size}`);
      const compiled = chain.compile(source, join(dir, 'program.ts'));
      const key = compiled.extension + compiled.code;
      const group = groups.get(key);
      if (group !== undefined) {
        group.ids.push(chain.id);
        return;
      }
      mkdirSync(dir);
      const inMemory = compiled.extension === '.ts';
      writeFileSync(join(dir, inMemory ? 'program.ts' : `program${compiled.extension}`), inMemory ? source : compiled.code);
      groups.set(key, { ids: [chain.id], file: join(dir, `program${compiled.extension}`), code: inMemory ? compiled.code : undefined, chain });
    });
    const runs = [...groups.values()];

    // tsx and Vitest compile in memory as they load: their own runs, beside the driver.
    mkdirSync(join(app, 'tsx'));
    writeFileSync(join(app, 'tsx', 'program.ts'), source);
    writeFileSync(join(app, 'tsx', 'run.ts'), "import { main } from './program';\nmain().then((results) => console.log(JSON.stringify(results)));\n");
    mkdirSync(join(app, 'vitest'));
    writeFileSync(join(app, 'vitest', 'program.ts'), source);
    writeFileSync(join(app, 'vitest', 'vitest.config.mjs'), 'export default { resolve: { preserveSymlinks: true } };\n');
    writeFileSync(
      join(app, 'vitest', 'program.test.ts'),
      "import { test } from 'vitest';\nimport { writeFileSync } from 'node:fs';\nimport { main } from './program';\n" +
        "test('program', async () => writeFileSync(process.env.RXF_OUT!, JSON.stringify(await main())), 60_000);\n",
    );
    // Code compiled in memory runs in a process of its own: a pool registers equal task sources once per process, and
    // a Babel task compiled in memory must not reuse the constants another configuration's file on disk provided.
    const inMemory = runs.filter((group) => group.code !== undefined);
    const onDisk = runs.filter((group) => group.code === undefined);
    const drive = (groups: typeof runs) =>
      run(process.execPath, [join(app, 'driver.mjs'), JSON.stringify(groups.map(({ ids, file, code }) => ({ ids, file, code })))], { cwd: '/' });
    const [drivenOnDisk, drivenInMemory, tsxOut] = await Promise.all([
      drive(onDisk),
      drive(inMemory),
      run(bin('tsx'), [join(app, 'tsx', 'run.ts')], { cwd: '/' }),
      run(bin('vitest'), ['run', '--root', join(app, 'vitest')], { cwd: '/', env: { ...process.env, RXF_OUT: join(app, 'vitest', 'out.json'), NO_COLOR: '1' } }),
    ]);

    const ordered = [...onDisk, ...inMemory];
    const lines = `${drivenOnDisk.trim()}\n${drivenInMemory.trim()}`.split('\n').map((line) => JSON.parse(line) as { ids: string[]; results: Results; failure?: string });
    expect(lines.map((line) => ({ ids: line.ids, failure: line.failure }))).toEqual(ordered.map((group) => ({ ids: group.ids, failure: undefined })));
    const found = lines.flatMap((line, index) => problems(line.ids, line.results, ordered[index].chain));
    found.push(...problems(['tsx'], JSON.parse(tsxOut) as Results, { helpers: ['__name('] }));
    const vitest = JSON.parse(readFileSync(join(app, 'vitest', 'out.json'), 'utf8')) as Results;
    found.push(...problems(['Vitest'], vitest, { helpers: ['__vite_ssr_dynamic_import__('] }));
    expect(found).toEqual([]);
  }, 180_000);
});
