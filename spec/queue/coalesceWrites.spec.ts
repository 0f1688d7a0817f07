import type IORedis from 'ioredis';
import { awaitsReplies, coalesceWrites } from '../../src/queue/coalesceWrites';
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

  it('writes a command at once while no reply is awaited, before the call returns', async () => {
    const key = queueName('coalesce');
    const { client, writes } = await counted(true);
    const reply = client.set(key, '1');
    expect(writes.count).toBe(1); // on the socket already: Redis starts on it while this tick goes on
    expect(await reply).toBe('OK');
    await client.del(key);
  });

  it('sends the commands that follow in its tick, pipelines and transactions among them, in one more write, replies in order', async () => {
    const key = queueName('coalesce');
    const { client, writes } = await counted(true);
    const replies = Promise.all([
      client.set(key, '1'),
      client.incr(key),
      client.multi().incr(key).get(key).exec(),
      client.pipeline().incr(key).exec(),
      client.get(key),
    ]);
    expect(writes.count).toBe(1); // the first command; the others wait for the end of the tick
    expect(await replies).toEqual(['OK', 2, [[null, 3], [null, '3']], [[null, 4]], '4']);
    expect(writes.count).toBe(2);
    await client.del(key);
  });

  it('the same commands without it take more writes (what the test above guards against)', async () => {
    const key = queueName('coalesce');
    const { client, writes } = await counted(false);
    await Promise.all([client.set(key, '1'), client.incr(key), client.multi().incr(key).get(key).exec(), client.get(key)]);
    expect(writes.count).toBeGreaterThan(2);
    await client.del(key);
  });

  it('holds nothing past its tick: each later tick gets its own writes, and a command from a microtask joins its tick', async () => {
    const key = queueName('coalesce');
    const { client, writes } = await counted(true);
    await client.set(key, 'a');
    expect(writes.count).toBe(1);
    const all = Promise.all([client.get(key), Promise.resolve().then(() => client.append(key, 'b')), client.strlen(key)]);
    expect(writes.count).toBe(2); // the get, at once
    // The rest by the end of the tick: before any timer or I/O callback of the next turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes.count).toBe(3);
    expect(await all).toEqual(['a', 2, 1]);
    expect(writes.count).toBe(3);
    expect(await client.get(key)).toBe('ab');
    expect(writes.count).toBe(4);
    await client.del(key);
  });

  it('takes in commands that process.nextTick callbacks send, even ones queued after its first command', async () => {
    const key = queueName('coalesce');
    const { client, writes } = await counted(true);
    const replies: Promise<unknown>[] = [client.set(key, '1'), client.incr(key)];
    process.nextTick(() => replies.push(client.incr(key)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(await Promise.all(replies)).toEqual(['OK', 2, 3]);
    expect(writes.count).toBe(2); // the set at once; both incr together
    await client.del(key);
  });

  it('awaitsReplies() says whether a command sent now waits for the end of the tick', async () => {
    const key = queueName('coalesce');
    const { client, writes } = await counted(true);
    expect(awaitsReplies(client)).toBe(false);
    const first = client.set(key, '1');
    expect(awaitsReplies(client)).toBe(true);
    const second = client.incr(key);
    expect(writes.count).toBe(1); // the second waits, as awaitsReplies said
    expect(await Promise.all([first, second])).toEqual(['OK', 2]);
    expect(awaitsReplies(client)).toBe(false);
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
