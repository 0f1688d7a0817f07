/**
 * A redis-server of a test's own, on a free port with its data in a temporary folder, for tests that stop, pause
 * or restart Redis. Stopped (and its folder removed) by `stop()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export class RedisServer {
  private process: ChildProcess | undefined;
  private extra: string[] = [];
  readonly dir = mkdtempSync(join(tmpdir(), 'rxf-redis-'));

  private constructor(
    readonly port: number,
    private readonly args: string[],
  ) {}

  /**
   * Starts a server; `persist` keeps an append-only file in its folder (so a restart keeps the data); `lazy` only
   * picks the port and folder (call {@link launch} with extra arguments).
   */
  static async start({ persist = false, lazy = false } = {}): Promise<RedisServer> {
    const port = await freePort();
    const persistence = persist ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--save', '', '--appendonly', 'no'];
    const server = new RedisServer(port, ['--port', String(port), '--bind', '127.0.0.1', '--dir', '', ...persistence]);
    if (!lazy) await server.launch();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server process (again, with the same `extra` arguments) and resolves once it accepts connections. */
  async launch(extra?: string[]): Promise<void> {
    if (extra !== undefined) this.extra = extra;
    const args = [...this.args.map((arg, i) => (this.args[i - 1] === '--dir' ? this.dir : arg)), ...this.extra];
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.process = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk;
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}: ${output}`));
      });
    });
    child.stdout!.resume();
  }

  /** Kills the server at once (SIGKILL: no save on the way out) and waits for it to be gone. */
  async kill(): Promise<void> {
    const child = this.process;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Freezes the server (SIGSTOP) until {@link resume}: connections stay open and get no answer. */
  pause(): void {
    this.process?.kill('SIGSTOP');
  }

  resume(): void {
    this.process?.kill('SIGCONT');
  }

  /** Kills the server and removes its folder. */
  async stop(): Promise<void> {
    this.resume();
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
