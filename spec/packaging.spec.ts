/**
 * The package as a user gets it: `npm pack`, the tarball installed into a fresh project outside the repository (rxjs,
 * threads and @types/node linked from the repository's node_modules, so no network is needed), user programs
 * compiled by tsc with `strict` and `skipLibCheck: false` under module NodeNext (an ES module and a CommonJS module),
 * module commonjs and moduleResolution bundler, and the output run from another working directory; and README
 * snippets run as written, under tsx.
 *
 * The programs are in spec/fixtures/consumer. Against the dist/ built by `npm test` (run `npm run build` first when
 * running this file alone).
 */
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';

const root = join(__dirname, '..');
const fixtures = join(__dirname, 'fixtures', 'consumer');
const tsc = require.resolve('typescript/bin/tsc');
const tsx = require.resolve('tsx/cli');
/**
 * Each external command gets this long. tsc with `skipLibCheck: false` spends seconds of CPU checking @types/node and
 * rxjs: `beforeAll` starts the three compiles one after the other (in parallel they would starve the test files that
 * jest runs beside this one), and each test waits for its own.
 */
const COMMAND_MS = 120_000;

/** Runs a command; on failure, throws with its output (a compiler's errors are the useful part). */
function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', timeout: COMMAND_MS, stdio: 'pipe' }).trim();
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`);
  }
}

/** Runs a Node script without blocking this process (a server here may have to answer it); resolves with stdout. */
function runNode(args: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const options = { cwd, timeout: COMMAND_MS, env: { ...process.env, ...env } };
    execFile(process.execPath, args, options, (error, stdout, stderr) => {
      if (error) reject(new Error(`node ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`));
      else resolve(stdout.trim());
    });
  });
}

/** Compiles the tsconfig project in `dir`; rejects with the compiler's output. */
async function compile(dir: string): Promise<void> {
  await runNode([tsc, '-p', dir], dir);
}

/** The fenced code blocks of a README section (from its heading to the next heading), in order. */
function readmeBlocks(readme: string, heading: string): string[] {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no heading '${heading}'`);
  const section = readme.slice(start + heading.length + 2).split(/\n#{1,6} /)[0];
  return [...section.matchAll(/```\w*\n([\s\S]*?)```/g)].map((match) => match[1]);
}

/** Every file under `dir`, as paths relative to it. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

/**
 * A user's strict settings. `skipLibCheck: false` checks every declaration file: ours, rxjs's and Node's.
 * `skipDefaultLibCheck` only spares TypeScript's own lib.*.d.ts, which cannot hold a defect of ours (a third of the
 * compile time).
 */
const strict = { strict: true, skipLibCheck: false, skipDefaultLibCheck: true, target: 'ES2022', types: ['node'] };

describe('the packed package, installed in a fresh project', () => {
  let temp: string;
  let app: string;
  let installed: string;
  let elsewhere: string;
  let packed: string[];
  /** Each project's compile, chained by `beforeAll`, settled (never rejected) so none goes unhandled. */
  const compiled: Record<string, Promise<Error | undefined>> = {};

  beforeAll(() => {
    temp = mkdtempSync(join(tmpdir(), 'rxfutures-packaging-'));
    const [{ filename, files }] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', temp], root)) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    packed = files.map((file) => file.path);
    app = join(temp, 'app');
    elsewhere = join(temp, 'elsewhere');
    mkdirSync(app);
    mkdirSync(elsewhere);
    const dependencies = {
      rxfutures: `file:${join(temp, filename)}`,
      rxjs: `file:${join(root, 'node_modules', 'rxjs')}`,
      threads: `file:${join(root, 'node_modules', 'threads')}`,
      '@types/node': `file:${join(root, 'node_modules', '@types', 'node')}`,
    };
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, dependencies }));
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'], app);
    installed = join(app, 'node_modules', 'rxfutures');
    // The optional peers of rxfutures/queue, whose declarations name their types: a queue user has them installed.
    // Linked, not installed (npm cannot install them offline from a folder); their own dependencies resolve from the
    // repository's node_modules, where the links lead.
    for (const peer of ['bullmq', 'ioredis']) symlinkSync(join(root, 'node_modules', peer), join(app, 'node_modules', peer), 'dir');

    const declarations = listFiles(join(installed, 'dist'))
      .filter((path) => /\.d\.(m|c)?ts$/.test(path))
      .map((path) => join(installed, 'dist', path));
    const projects = {
      // Every shipped declaration file is in this program, whether an entry point reaches it or not.
      nodenext: project(
        'nodenext',
        { ...strict, module: 'NodeNext' },
        { 'esm.mts': 'esm.mts', 'cjs.cts': 'cjs.cts', 'no-default.mts': 'no-default.mts', 'no-default.cts': 'no-default.mts' },
        declarations,
      ),
      // moduleResolution node10, the default of module commonjs: subpaths resolve through typesVersions. Target
      // ES2016, the one `tsc --init` writes, with its default library: the shipped declarations may use nothing newer.
      commonjs: project(
        'commonjs',
        { ...strict, target: 'ES2016', module: 'commonjs', esModuleInterop: true },
        { 'cjs.ts': 'cjs.cts', 'no-default.ts': 'no-default.mts' },
        declarations.filter((path) => !path.endsWith('.mts')),
      ),
      // Resolution through the `import` condition as bundlers do it; the declarations were checked by the other two.
      bundler: project(
        'bundler',
        { ...strict, skipLibCheck: true, module: 'ESNext', moduleResolution: 'bundler', noEmit: true },
        { 'esm.mts': 'esm.mts', 'no-default.mts': 'no-default.mts' },
      ),
    };
    let previous: Promise<unknown> = Promise.resolve();
    for (const [name, dir] of Object.entries(projects)) {
      previous = compiled[name] = previous.then(() => compile(dir)).then(
        () => undefined,
        (error: Error) => error,
      );
    }
  }, 2 * COMMAND_MS);

  /** Waits for a project's compile; throws the compiler's errors if it failed. */
  async function compiledOutput(name: string): Promise<string> {
    const error = await compiled[name];
    if (error !== undefined) throw error;
    return join(app, name, 'out');
  }

  afterAll(() => {
    if (temp !== undefined) rmSync(temp, { recursive: true, force: true });
  });

  /** Writes a tsconfig project under the app (so it sees the app's node_modules) with the given fixture files. */
  function project(name: string, compilerOptions: object, sources: Record<string, string>, extraFiles: string[] = []): string {
    const dir = join(app, name);
    mkdirSync(dir);
    for (const [target, fixture] of Object.entries(sources)) copyFileSync(join(fixtures, fixture), join(dir, target));
    const files = [...Object.keys(sources), ...extraFiles];
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...compilerOptions, outDir: 'out' }, files }));
    return dir;
  }

  it('ships no examples and no source maps, ships a LICENSE, and declares threads an optional peer', () => {
    expect(packed.filter((path) => /(^|\/)examples\//.test(path))).toEqual([]);
    // Policy: no source maps (the JavaScript is the TypeScript minus its types, comments kept; see package.json).
    expect(packed.filter((path) => path.endsWith('.map'))).toEqual([]);
    const mapped = packed.filter(
      (path) => /\.(c|m)?js$/.test(path) && readFileSync(join(installed, path), 'utf8').includes('sourceMappingURL'),
    );
    expect(mapped).toEqual([]);
    expect(packed).toContain('LICENSE');
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(/MIT License[\s\S]*Copyright \(c\) 2026 the rxfutures contributors/);
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(pkg.peerDependencies.threads).toBeDefined();
    expect(pkg.peerDependenciesMeta.threads).toEqual({ optional: true });
    // Every path the package names for its entry points and types is in the tarball.
    const named = JSON.stringify([pkg.main, pkg.types, pkg.exports, pkg.typesVersions]).match(/\.\/dist\/[^"]+/g)!;
    for (const path of named) expect(packed).toContain(path.slice(2));
  });

  it('module NodeNext: an ES module and a CommonJS module type-check (every shipped declaration too) and run', async () => {
    const out = await compiledOutput('nodenext');
    const esm = JSON.parse(run(process.execPath, [join(out, 'esm.mjs')], elsewhere));
    expect(esm).toEqual({
      values: ['ada', 42],
      waited: 2,
      completed: 2,
      viaOperator: 2,
      winner: true,
      squares: [1, 4, 9],
      plusOne: [2, 3, 4, 5],
      callsCompleted: 7,
      cancelled: true,
      oneClassForImportAndRequire: true,
      hasDefault: false,
      testing: 'function',
    });
    expect(JSON.parse(run(process.execPath, [join(out, 'cjs.cjs')], elsewhere))).toEqual(cjsOutput);
  }, 3 * COMMAND_MS);

  it('module commonjs (node10 resolution, esModuleInterop, target ES2016): the CommonJS program and every declaration type-check, and it runs', async () => {
    const out = await compiledOutput('commonjs');
    expect(JSON.parse(run(process.execPath, [join(out, 'cjs.js')], elsewhere))).toEqual(cjsOutput);
  }, 2 * COMMAND_MS);

  it('moduleResolution bundler: the ES module program type-checks', async () => {
    await compiledOutput('bundler');
  }, COMMAND_MS);

  it('README: the ThreadsJsExecutor snippet (worker.mjs and main.mts) runs as written', async () => {
    const dir = join(app, 'readme-threads');
    mkdirSync(dir);
    const blocks = readmeBlocks(readFileSync(join(installed, 'README.md'), 'utf8'), '### ThreadsJsExecutor: keep your threads.js workers');
    // Each block starts with a comment naming its file: the worker module, then the program that uses it.
    const names = blocks.map((block) => /^\/\/ (\S+)/.exec(block)?.[1]);
    expect(names).toEqual(['worker.mjs', 'main.mts']);
    blocks.forEach((block, i) => writeFileSync(join(dir, names[i]!), block));
    expect(await runNode([tsx, join(dir, 'main.mts')], elsewhere)).toBe('3');
  }, COMMAND_MS);

  it('README: the AsyncExecutor quick start runs as written: lengths in completion order, then statuses in input order', async () => {
    // Each path is the status to answer with; the body is (status - 190) bytes long.
    const server = createServer((request, response) => {
      const status = Number(request.url!.slice(1));
      response.writeHead(status).end('x'.repeat(status - 190));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const urls = [201, 404, 200].map((status) => `http://127.0.0.1:${port}/${status}`);
      const [block] = readmeBlocks(readFileSync(join(installed, 'README.md'), 'utf8'), '### AsyncExecutor: I/O on the event loop');
      // The loop variable is named after what it holds.
      expect(block).toMatch(/for await \(const status of executor\.map\(.*\)\.status, urls\)\) \{\n\s*console\.log\(status\)/);
      const file = join(app, 'quick-start.mts');
      writeFileSync(file, `const urls: string[] = JSON.parse(process.env.URLS!);\n${block}`);
      const lines = (await runNode([tsx, file], elsewhere, { URLS: JSON.stringify(urls) })).split('\n');
      expect(lines.slice(0, 3).sort()).toEqual(['10', '11', '214']);
      expect(lines.slice(3)).toEqual(['201', '404', '200']);
    } finally {
      server.close();
    }
  }, COMMAND_MS);
});

/** What spec/fixtures/consumer/cjs.cts prints, however it was compiled. */
const cjsOutput = {
  inChild: true,
  label: 'CJS',
  doubled: [2, 4, 6],
  partition: 2,
  callsCompleted: 5,
  hasDefault: false,
  testing: 'function',
};
