// `npm run examples` inside the test suite: every built example runs with shortened sleeps and must print the lines
// its source declares (see scripts/run-examples.mjs). `npm test` builds first, so dist/cjs/examples is fresh.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');

describe('examples/', () => {
  it('every example runs and prints its story', async () => {
    expect(existsSync(join(root, 'dist/cjs/examples'))).toBe(true); // run `npm run build` first
    const sources = readdirSync(join(root, 'examples')).filter((file) => file.endsWith('.ts'));
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [join(root, 'scripts/run-examples.mjs')],
        { cwd: root, timeout: 50_000, env: { ...process.env, RXF_EXAMPLE_SPEED: '20', RXF_EXAMPLE_JOBS: '4' } },
        (_error, stdout, stderr) => resolve({ code: child.exitCode, output: `${stdout}${stderr}` }),
      );
    });
    expect(output).toContain(`${sources.length} of ${sources.length} examples passed`);
    expect(code).toBe(0);
  }, 60_000);
});
