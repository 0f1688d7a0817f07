// Builds dist/: TypeScript compiles to CommonJS (dist/cjs) with declarations, and each entry point gets a small ES
// module wrapper (dist/esm) that re-exports the CommonJS build. One copy of every class serves both `import` and
// `require`, so `instanceof` holds across entry points and module systems (no dual-package hazard).
//
// No entry has a default export, whichever way it is loaded, and the types say so (`import rx from 'rxfutures'`
// must fail to type-check rather than give `undefined` at run time):
// - each wrapper has its own declarations (`index.d.mts`, the `types` of the `import` condition) that re-export the
//   CommonJS declarations' named exports; typed by the CommonJS `.d.ts` instead, an ES module importer would be
//   offered the whole `module.exports` as a default;
// - each CommonJS entry's declarations declare the `__esModule` marker its JavaScript sets; without it TypeScript
//   assumes a declaration file may be a plain CommonJS module and allows a default import (`esModuleInterop`), which
//   `__importDefault` then resolves to `undefined`. The wrappers export the marker too, as Node's own `import` of a
//   CommonJS module does, so the re-exported declarations stay true.
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const entries = {
  'index': 'src/index',
  'operators/index': 'operators/index',
  'testing/index': 'src/testing/index',
  'executor/index': 'src/extension/index',
  'queue/index': 'src/queue/index',
};

rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
  cwd: root,
  stdio: 'inherit',
});

for (const [wrapper, source] of Object.entries(entries)) {
  const cjsFile = join(root, 'dist/cjs', `${source}.js`);
  // `__esModule` is not enumerable, so it is not among the keys; it is listed first on purpose (see the top).
  const names = ['__esModule', ...Object.keys(require(cjsFile))];
  appendFileSync(
    cjsFile.replace(/\.js$/, '.d.ts'),
    '/** Set by the CommonJS build: this module has named exports only, no default export. */\n' +
      'export declare const __esModule: true;\n',
  );
  const esmFile = join(root, 'dist/esm', `${wrapper}.mjs`);
  mkdirSync(dirname(esmFile), { recursive: true });
  const relativePath = relative(dirname(esmFile), cjsFile).split('\\').join('/');
  const from = relativePath.startsWith('.') ? relativePath : `./${relativePath}`;
  const lines = [
    `import cjs from '${from}';`,
    `export const { ${names.join(', ')} } = cjs;`,
    '',
  ];
  writeFileSync(esmFile, lines.join('\n'));
  writeFileSync(esmFile.replace(/\.mjs$/, '.d.mts'), `export * from '${from}';\n`);
}
// The `rxfutures` command (package.json bin) runs straight from dist.
chmodSync(join(root, 'dist/cjs/src/queue/cli.js'), 0o755);
console.log('built dist/cjs and dist/esm');
