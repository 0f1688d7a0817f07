import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { withoutInspectorFlags } from '../../src/executors/withoutInspectorFlags';

describe('withoutInspectorFlags', () => {
  it.each([
    [['--inspect'], []],
    [['--inspect=9229', '--max-old-space-size=64'], ['--max-old-space-size=64']],
    [['--inspect-brk=127.0.0.1:0'], []],
    [['--inspect-wait=0.0.0.0:9229'], []],
    [['--inspect-port=9230', '--inspect'], []],
    [['--inspect-port', '9230', '--expose-gc'], ['--expose-gc']],
    [['--debug-port', '9230', '--enable-source-maps'], ['--enable-source-maps']],
    [['--debug-port=127.0.0.1:9230'], []],
    [['--inspect-publish-uid=http', '--inspect'], []],
    [['--import', 'tsx', '--inspectors-are-not-a-flag'], ['--import', 'tsx', '--inspectors-are-not-a-flag']],
  ])('%j -> %j', (given, kept) => {
    expect(withoutInspectorFlags(given)).toEqual(kept);
  });
});

/** A port nothing listens on now, for the parent's debugger. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('pools under a parent started with --inspect', () => {
  it("process workers do not inherit the parent's inspector flags (no 'address already in use'); an explicit execArgv is kept; threads work", async () => {
    const port = await freePort();
    const script = join(__dirname, '..', 'fixtures', 'inspectParent.cjs');
    const explicit = ['--inspect=127.0.0.1:0', '--max-old-space-size=128'];
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      execFile(
        process.execPath,
        [`--inspect=127.0.0.1:${port}`, script, JSON.stringify(explicit)],
        { timeout: 25_000 },
        (error, out, err) => (error ? reject(Object.assign(error, { stderr: err })) : resolve({ stdout: out, stderr: err })),
      );
    });
    expect(stderr).not.toContain('address already in use');
    const outcome = JSON.parse(stdout) as Record<string, { execArgv: string[]; inspectorUrl: string | null }> & { parent: string[]; thread: number };
    expect(outcome.parent).toEqual([`--inspect=127.0.0.1:${port}`]);
    expect(outcome.inherited).toEqual({ execArgv: [], inspectorUrl: null });
    expect(outcome.given.execArgv).toEqual(explicit);
    expect(outcome.given.inspectorUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\//);
    expect(outcome.thread).toBe(42);
    // The parent's own debugger started once, and no worker tried its port.
    expect(stderr.match(new RegExp(`Debugger listening on ws://127\\.0\\.0\\.1:${port}/`, 'g'))).toHaveLength(1);
  });
});
