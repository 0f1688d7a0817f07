/**
 * A Redis ACL user with a password, over TLS (where the local redis-server and openssl can do it), through the
 * connection option: jobs run, and a wrong password fails with QueueConnectionError without showing it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueueConnectionError } from '../../src';
import { namedTask, type QueueConnectionOptions } from '../../src/queue';
import type * as tasks from '../fixtures/queueTasks.cjs';
import { queueHarness } from './support/harness';
import { describeWithRedis } from './support/redis';
import { RedisServer } from './support/RedisServer';

const square = namedTask<typeof tasks.square>('square');

/** A self-signed certificate for 127.0.0.1 in `dir`, or `undefined` if openssl cannot make one. */
function certificate(dir: string): { cert: string; key: string } | undefined {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore', timeout: 20_000 });
    return { cert, key };
  } catch {
    return undefined;
  }
}

describeWithRedis('QueueExecutor with a Redis ACL user, password and TLS', () => {
  let server: RedisServer;
  let connection: QueueConnectionOptions;
  let tls = false;
  const { newQueue, executor, worker } = queueHarness({ connection: () => connection });

  beforeAll(async () => {
    server = await RedisServer.start({ lazy: true });
    const acl = join(server.dir, 'users.acl');
    writeFileSync(acl, 'user app on >pa55word ~* &* +@all\nuser default off\n');
    const pem = certificate(server.dir);
    const extra = ['--aclfile', acl];
    if (pem !== undefined) {
      extra.push('--tls-port', String(server.port), '--port', '0', '--tls-cert-file', pem.cert, '--tls-key-file', pem.key,
        '--tls-ca-cert-file', pem.cert, '--tls-auth-clients', 'no');
    }
    try {
      await server.launch(extra);
      tls = pem !== undefined;
    } catch {
      await server.launch(['--aclfile', acl]); // this redis-server was built without TLS
    }
    connection = { host: '127.0.0.1', port: server.port, username: 'app', password: 'pa55word', ...(tls ? { tls: { ca: readFileSync(join(server.dir, 'cert.pem')) } } : {}) };
  });
  afterAll(async () => {
    await server.stop();
  });

  it(`runs jobs as the ACL user (TLS where available)`, async () => {
    const queue = newQueue('acl');
    await worker(queue, { connection });
    const ex = executor(queue, { connection });
    await expect(ex.submit(square, 12).result(10_000)).resolves.toBe(144);
    if (process.env.RXF_EXPECT_TLS === '1') expect(tls).toBe(true);
  });

  it('a wrong password fails with QueueConnectionError, and the message never shows it', async () => {
    const ex = executor(newQueue('wrong'), { connection: { ...connection, password: 'wr0ngpass' }, connectionTimeout: 500 });
    const error = (await ex.submit(square, 1).exception(10_000)) as Error;
    expect(error).toBeInstanceOf(QueueConnectionError);
    expect(error.message).not.toContain('wr0ngpass');
    expect(error.message).not.toContain('pa55word');
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('wr0ngpass');
  });
});
