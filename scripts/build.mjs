// Builds dist/: TypeScript compiles to CommonJS (dist/cjs) with declarations, and each entry point gets a small ES
// module wrapper (dist/esm) that re-exports the CommonJS build. One copy of every class serves both `import` and
// `require`, so `instanceof` holds across entry points and module systems (no dual-package hazard).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
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
};

rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
  cwd: root,
  stdio: 'inherit',
});

for (const [wrapper, source] of Object.entries(entries)) {
  const cjsFile = join(root, 'dist/cjs', `${source}.js`);
  const names = Object.keys(require(cjsFile)).filter((name) => name !== '__esModule');
  const esmFile = join(root, 'dist/esm', `${wrapper}.mjs`);
  mkdirSync(dirname(esmFile), { recursive: true });
  const from = relative(dirname(esmFile), cjsFile).split('\\').join('/');
  const lines = [
    `import cjs from '${from.startsWith('.') ? from : `./${from}`}';`,
    names.length > 0 ? `export const { ${names.join(', ')} } = cjs;` : 'export {};',
    '',
  ];
  writeFileSync(esmFile, lines.join('\n'));
}
console.log('built dist/cjs and dist/esm');
