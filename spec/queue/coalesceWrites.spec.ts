import type IORedis from 'ioredis';
import { coalesceWrites } from '../../src/queue/coalesceWrites';
import { describeWithRedis, queueName, redisClient } from './support/redis';

describeWithRedis('coalesceWrites', () => {
  const clients: IORedis[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });

  /** A connected client and a count of the writes that reach its socket (one per `_write` or `_writev`). */
  async function counted(coalesced: boolean) {
    const client = redisClient();
    clients.push(client);
    await client.ping();
    if (coalesced) coalesceWrites(client);
    const socket = (client as unknown as { stream: { _write: (...a: unknown[]) => void; _writev: (...a: unknown[]) => void } }).stream;
    const writes = { count: 0 };
    const write = socket._write.bind(socket);
    const writev = socket._writev.bind(socket);
    socket._write = (...args) => {
      writes.count++;
      write(...args);
    };
    socket._writev = (...args) => {
      writes.count++;
      writev(...args);
    };
    return { client, writes };
  }

  it('sends the commands of one tick, pipelines and transactions among them, in one socket write, replies in order', async () => {
    const key = queueName('coalesce');
    const { client, writes } = await counted(true);
    const replies = Promise.all([
      client.set(key, '1'),
      client.incr(key),
      client.multi().incr(key).get(key).exec(),
      client.pipeline().incr(key).exec(),
      client.get(key),
    ]);
    expect(await replies).toEqual(['OK', 2, [[null, 3], [null, '3']], [[null, 4]], '4']);
    expect(writes.count).toBe(1);
    await client.del(key);
  });

  it('the same commands without it take several writes (what the first test guards against)', async () => {
    const key = queueName('coalesce');
    const { client, writes } = await counted(false);
    await Promise.all([client.set(key, '1'), client.incr(key), client.multi().incr(key).get(key).exec(), client.get(key)]);
    expect(writes.count).toBeGreaterThan(1);
    await client.del(key);
  });

  it('holds nothing past its tick: each later tick gets its own write, and a command from a microtask joins its tick', async () => {
    const key = queueName('coalesce');
    const { client, writes } = await counted(true);
    await client.set(key, 'a');
    expect(writes.count).toBe(1);
    const both = Promise.all([client.get(key), Promise.resolve().then(() => client.append(key, 'b'))]);
    // Written by the end of the tick: before any timer or I/O callback of the next turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes.count).toBe(2);
    expect(await both).toEqual(['a', 2]);
    expect(writes.count).toBe(2);
    expect(await client.get(key)).toBe('ab');
    expect(writes.count).toBe(3);
    await client.del(key);
  });

  it('takes in commands that process.nextTick callbacks send, even ones queued after its first command', async () => {
    const key = queueName('coalesce');
    const { client, writes } = await counted(true);
    const replies: Promise<unknown>[] = [client.set(key, '1')];
    process.nextTick(() => replies.push(client.incr(key)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(await Promise.all(replies)).toEqual(['OK', 2]);
    expect(writes.count).toBe(1);
    await client.del(key);
  });

  it('wraps a client once, and leaves commands sent before the connection is ready to ioredis (they still run)', async () => {
    const client = redisClient();
    clients.push(client);
    expect(coalesceWrites(coalesceWrites(client))).toBe(client);
    const key = queueName('coalesce');
    expect(await Promise.all([client.set(key, 'x'), client.get(key), client.del(key)])).toEqual(['OK', 'x', 1]);
  });
});
