// The compiler configurations of spec/executors/InlineToolchains.spec.ts: each compiles the fixture program
// (spec/fixtures/toolchains/program.ts) in-process through the compiler's own API, as a user's build would.
import { transformSync as babelTransform } from '@babel/core';
import { transformSync as swcTransform } from '@swc/core';
import { transformSync as esbuildTransform } from 'esbuild';
import ts from 'typescript';

/** What a configuration produced: a file to import, or TypeScript compiled in memory and loaded under the .ts name. */
export interface Compiled {
  /** The compiled code. */
  readonly code: string;
  /** `.js` (CommonJS), `.mjs` (ES module), or `.ts`: the code runs as program.ts, as ts-jest loads it. */
  readonly extension: '.js' | '.mjs' | '.ts';
}

export interface Toolchain {
  readonly id: string;
  compile(source: string, file: string): Compiled;
  /** Helper names the compiled tasks must contain, so the test cannot pass because a compiler stopped emitting them. */
  readonly helpers: readonly string[];
  /** Set when the compiler moves an async task's body out of the function: the task fails, naming this compiler. */
  readonly asyncMoved?: RegExp;
  /** Set when the keys of an object rest are moved out of the task and the compiled file is not on disk to read them back. */
  readonly restMoved?: RegExp;
}

const TSC_TARGETS = ['ES2015', 'ES2016', 'ES2017', 'ES2018', 'ES2019', 'ES2020', 'ES2021', 'ES2022', 'ES2023', 'ES2024', 'ESNext'] as const;

/** The helpers tsc inserts into the fixture's tasks below `target` (each appears from ES2015 until its feature is native). */
function tscHelpers(target: (typeof TSC_TARGETS)[number], esm: boolean, importHelpers: boolean): string[] {
  const year = target === 'ESNext' ? 9999 : Number(target.slice(2));
  const names = [
    ...(year < 2017 ? ['__awaiter'] : []),
    ...(year < 2018 ? ['__rest', '__asyncGenerator', '__asyncValues', '__await'] : []),
    ...(year < 2022 ? ['__classPrivateFieldGet', '__classPrivateFieldSet'] : []),
    ...(esm ? [] : ['__importStar']),
  ];
  return importHelpers && !esm ? names.map((name) => `tslib_1.${name}`) : names;
}

function tsc(target: (typeof TSC_TARGETS)[number], esm: boolean, importHelpers: boolean): Toolchain {
  return {
    id: `tsc ${target} ${esm ? 'ESM' : 'CommonJS'}${importHelpers ? ' importHelpers' : ''}`,
    compile: (source) => ({
      code: ts.transpileModule(source, {
        fileName: 'program.ts',
        compilerOptions: {
          target: ts.ScriptTarget[target],
          module: esm ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
          importHelpers,
          esModuleInterop: true,
        },
      }).outputText,
      extension: esm ? '.mjs' : '.js',
    }),
    helpers: tscHelpers(target, esm, importHelpers),
  };
}

function esbuild(id: string, options: { keepNames: boolean; target: string; esm: boolean }, helpers: string[]): Toolchain {
  return {
    id,
    compile: (source) => ({
      code: esbuildTransform(source, { loader: 'ts', format: options.esm ? 'esm' : 'cjs', keepNames: options.keepNames, target: options.target }).code,
      extension: options.esm ? '.mjs' : '.js',
    }),
    helpers,
  };
}

function swc(target: 'es5' | 'es2015', externalHelpers: boolean, esm: boolean): Toolchain {
  const shape = (name: string) => (externalHelpers && !esm ? `${name}._(` : `${name}(`);
  return {
    id: `swc ${target} ${esm ? 'ESM' : 'CommonJS'}${externalHelpers ? ' externalHelpers' : ''}`,
    compile: (source, file) => ({
      code: swcTransform(source, {
        filename: file,
        swcrc: false,
        jsc: { target, externalHelpers, parser: { syntax: 'typescript' } },
        module: { type: esm ? 'es6' : 'commonjs' },
      }).code,
      extension: esm ? '.mjs' : '.js',
    }),
    helpers: [
      '_async_to_generator',
      '_object_without_properties',
      '_define_property',
      '_class_private_field_get',
      '_wrap_async_generator',
      ...(target === 'es5' ? ['_ts_generator', '_class_call_check'] : []),
      ...(esm ? [] : ['_interop_require_wildcard']),
    ].map(shape),
  };
}

/** Babel; `inMemory`: compiled as it loads (`@babel/register`, babel-jest), so only the .ts source is on disk. */
function babel(targets: Record<string, string>, runtime: boolean, esm: boolean, inMemory = false): Toolchain {
  const old = 'ie' in targets;
  const shape = (name: string) => (runtime && !esm ? `${name}2.default` : name);
  return {
    id: `Babel preset-env ${JSON.stringify(targets)} ${esm ? 'ESM' : 'CommonJS'}${runtime ? ' plugin-transform-runtime' : ''}${inMemory ? ' in memory' : ''}`,
    compile: (source, file) => ({
      code: babelTransform(source, {
        filename: file,
        babelrc: false,
        configFile: false,
        presets: [['@babel/preset-env', { targets, modules: esm ? false : 'commonjs' }], '@babel/preset-typescript'],
        plugins: runtime ? ['@babel/plugin-transform-runtime'] : [],
      })!.code!,
      extension: inMemory ? '.ts' : esm ? '.mjs' : '.js',
    }),
    helpers: old
      ? [
          ...['_asyncToGenerator', '_classCallCheck', '_createClass', '_objectWithoutProperties'].map(shape),
          '_excluded',
          runtime ? (esm ? '_regeneratorRuntime.mark' : '_regenerator.default.mark') : '_regenerator()',
          ...(esm ? [] : ['_interopRequireWildcard']),
        ]
      : esm
        ? []
        : ['_interopRequireWildcard'],
    asyncMoved: old ? /Babel/ : undefined,
    restMoved: old && inMemory ? /object rest.*Babel/ : undefined,
  };
}

/** ts-jest's transformer, as a jest run would call it, with a tsconfig below ES2017. */
function tsJest(): Toolchain {
  return {
    id: 'ts-jest ES2015',
    compile: (source, file) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { TsJestTransformer } = require('ts-jest') as typeof import('ts-jest');
      const transformer = new TsJestTransformer({ tsconfig: { target: 'ES2015', module: 'commonjs', esModuleInterop: true }, diagnostics: false });
      const config = { cwd: process.cwd(), rootDir: process.cwd(), testMatch: [], testRegex: [], moduleFileExtensions: ['ts', 'js'], globals: {}, extensionsToTreatAsEsm: [] };
      const options = { config, cacheFS: new Map(), transformerConfig: {}, configString: JSON.stringify(config), instrument: false };
      const { code } = transformer.process(source, file, options as never) as { code: string };
      return { code, extension: '.ts' };
    },
    helpers: ['__awaiter', '__rest', '__asyncGenerator', '__classPrivateFieldGet', '__importStar'],
  };
}

/** Every configuration whose output runs in the spec's driver process (tsx and Vitest run on their own). */
export const toolchains: Toolchain[] = [
  ...TSC_TARGETS.flatMap((target) => [false, true].flatMap((esm) => [false, true].map((helpers) => tsc(target, esm, helpers)))),
  esbuild('esbuild keepNames CommonJS', { keepNames: true, target: 'node20', esm: false }, ['__name(']),
  esbuild('esbuild keepNames ESM', { keepNames: true, target: 'node20', esm: true }, ['__name(']),
  esbuild('esbuild es2015 CommonJS', { keepNames: false, target: 'es2015', esm: false }, [
    '__async(',
    '__objRest(',
    '__spreadValues(',
    '__publicField(',
    '__privateGet(',
    '__asyncGenerator(',
    '__forAwait(',
  ]),
  ...(['es5', 'es2015'] as const).flatMap((target) => [false, true].flatMap((ext) => [false, true].map((esm) => swc(target, ext, esm)))),
  ...[false, true].flatMap((runtime) => [false, true].map((esm) => babel({ ie: '11' }, runtime, esm))),
  babel({ ie: '11' }, false, false, true),
  babel({ ie: '11' }, true, false, true),
  babel({ node: '18' }, false, false),
  tsJest(),
];
