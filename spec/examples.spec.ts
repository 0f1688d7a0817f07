// The example runner inside the test suite, on a quick cross-section of the examples (every executor kind, the
// deadlock, the broken pool, the local downloader, the demo), so it stays within seconds; `npm run examples` (and CI)
// runs them all. `npm test` builds first, so dist/cjs/examples is fresh.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const quick = [
  'futures-thread-pool-map',
  'futures-future-callback-cancel',
  'futures-future-exception',
  'deadlock',
  'concurrent-downloader',
  'futures-process-pool-broken',
  'say-hi-thread-pool',
  'demo',
];

function runExamples(names: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [join(root, 'scripts/run-examples.mjs'), ...names],
      { cwd: root, timeout: 50_000, env: { ...process.env, RXF_EXAMPLE_SPEED: '20', RXF_EXAMPLE_JOBS: '2', ...env } },
      (_error, stdout, stderr) => resolve({ code: child.exitCode, output: `${stdout}${stderr}` }),
    );
  });
}

describe('examples/', () => {
  it('the quick cross-section runs and prints its stories', async () => {
    const built = join(root, 'dist/cjs/examples');
    expect(existsSync(built)).toBe(true); // `npm run build` first (npm test does)
    for (const name of quick) expect(readdirSync(built)).toContain(`${name}.js`);
    const { code, output } = await runExamples(quick);
    expect(output).toContain(`${quick.length} of ${quick.length} examples passed`);
    expect(code).toBe(0);
  }, 60_000);

  it('the runner fails a program that misses a line, never finishes, writes to stderr or declares nothing', async () => {
    const fixtures = 'spec/fixtures/examples';
    const names = ['tells-its-story', 'misses-a-line', 'never-finishes', 'writes-to-stderr', 'declares-nothing'];
    const { code, output } = await runExamples(names, {
      RXF_EXAMPLE_DIRS: `${fixtures}:${fixtures}`,
      RXF_EXAMPLE_JOBS: '5',
      RXF_EXAMPLE_RETRIES: '1',
    });
    expect(output).toMatch(/^ok {3}tells-its-story /m);
    expect(output).toMatch(/^FAIL misses-a-line .*lacks a line containing "second" \(in order\)$/m);
    expect(output).toMatch(/^FAIL never-finishes .*exit code 1$/m);
    expect(output).toMatch(/^FAIL writes-to-stderr .*wrote to stderr$/m);
    expect(output).toMatch(/^FAIL declares-nothing .*declares no/m);
    expect(output).toMatch(/^retry misses-a-line: run 1 failed/m);
    expect(output).toContain('1 of 5 examples passed');
    expect(code).toBe(1);
  }, 60_000);
});
