/**
 * Redis for the queue suites: the shared server at REDIS_URL (default redis://127.0.0.1:6379), one queue name per
 * test, and a clear skip (or, under CI=true, a failure) when no server answers.
 */
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import IORedis from 'ioredis';
import { Queue } from 'bullmq';

/** The shared server's URL. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let reachable: string | undefined | null = null;

/** Why Redis cannot be used (a sentence), or `undefined` if it answers. Checked once per test file, synchronously. */
export function redisUnavailable(): string | undefined {
  if (reachable !== null) return reachable;
  const url = new URL(REDIS_URL);
  try {
    const script = `const s=require('net').connect(${Number(url.port || 6379)},${JSON.stringify(url.hostname)});` +
      `s.setTimeout(2000,()=>process.exit(2));s.on('error',()=>process.exit(1));` +
      `s.on('connect',()=>s.write('PING\\r\\n'));s.on('data',d=>process.exit(String(d).startsWith('+PONG')||String(d).startsWith('-NOAUTH')?0:3));`;
    execFileSync(process.execPath, ['-e', script], { timeout: 5000 });
    reachable = undefined;
  } catch {
    reachable = `no Redis answers at ${url.hostname}:${url.port || 6379} (set REDIS_URL, or start redis-server)`;
  }
  return reachable;
}

/**
 * `describe` when Redis answers; otherwise one skipped suite saying why. Under CI=true a missing Redis fails instead.
 */
export function describeWithRedis(name: string, body: () => void): void {
  const why = redisUnavailable();
  if (why === undefined) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => it('needs Redis', () => {
      throw new Error(`CI=true and ${why}`);
    }));
  } else {
    describe.skip(`${name} (skipped: ${why})`, () => it('needs Redis', () => undefined));
  }
}

/** A queue name of its own for one test. */
export function queueName(tag = 'q'): string {
  return `rxft-${tag}-${randomBytes(4).toString('hex')}`;
}

/** A plain ioredis client for checks in tests; close it with `.disconnect()`. */
export function redisClient(url = REDIS_URL): IORedis {
  return new IORedis(url, { maxRetriesPerRequest: 1 });
}

/** Removes every key of the queues named (BullMQ's obliterate, forced); `connection` is a URL or ioredis options. */
export async function obliterate(names: Iterable<string>, connection: string | object = REDIS_URL): Promise<void> {
  for (const name of names) {
    const options = typeof connection === 'string' ? { url: connection } : connection;
    const queue = new Queue(name, { connection: { ...options, maxRetriesPerRequest: 1 } });
    queue.on('error', () => undefined);
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close().catch(() => undefined);
  }
}

/** How many keys of queue `name` exist in Redis. */
export async function queueKeyCount(client: IORedis, name: string): Promise<number> {
  let cursor = '0';
  let count = 0;
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `bull:${name}:*`, 'COUNT', 1000);
    cursor = next;
    count += keys.length;
  } while (cursor !== '0');
  return count;
}
