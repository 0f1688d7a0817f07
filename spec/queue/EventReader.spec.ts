import IORedis from 'ioredis';
import { EventReader, type QueueEvent } from '../../src/queue/EventReader';
import { withScripts, type ScriptedRedis } from '../../src/queue/queueScripts';
import { until } from './support/harness';
import { describeWithRedis, queueName, REDIS_URL } from './support/redis';

describeWithRedis('EventReader', () => {
  const clients: IORedis[] = [];
  const readers: EventReader[] = [];
  const keys: string[] = [];

  afterEach(async () => {
    for (const reader of readers.splice(0)) reader.stop();
    const admin = new IORedis(REDIS_URL);
    if (keys.length > 0) await admin.del(...keys.splice(0));
    admin.disconnect();
    for (const client of clients.splice(0)) client.disconnect();
  });

  const scripted = (): ScriptedRedis => {
    const client = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
    clients.push(client);
    return withScripts(client);
  };

  /** Adds `count` entries in one transaction, then trims the stream to its newest `keep` (exactly), atomically. */
  const burst = (client: IORedis, key: string, count: number, keep: number) => {
    const multi = client.multi();
    for (let i = 0; i < count; i++) multi.xadd(key, '*', 'event', 'progress', 'jobId', `job-${i}`);
    multi.xtrim(key, 'MAXLEN', keep);
    return multi.exec();
  };

  /** A reader of `key` from its end, counting the events it hands on, the gaps it reports and its deferred checks. */
  async function startReader(key: string) {
    const redis = scripted();
    const checker = scripted();
    const seen = { events: 0, gaps: 0, checks: 0 };
    const check = checker.rxfStreamState.bind(checker);
    checker.rxfStreamState = (stream: string) => check(stream).finally(() => seen.checks++);
    const [id, added] = await checker.rxfEventPosition(key);
    const reader = new EventReader(redis, key, { id, added }, {
      events: (batch: QueueEvent[]) => (seen.events += batch.length),
      gap: () => seen.gaps++,
    }, checker);
    readers.push(reader);
    void reader.start();
    return { seen, writer: scripted() };
  }

  /** A reader of a fresh stream that has read its first 50 entries and checked them. */
  async function readerPastFirstEntries() {
    const key = `${queueName('reader')}:events`;
    keys.push(key);
    const reader = await startReader(key);
    await burst(reader.writer, key, 50, 1000);
    await until(() => reader.seen.events === 50 && reader.seen.checks > 0);
    return { key, ...reader };
  }

  it('reports no gap when the stream is trimmed past its position but every entry after it was read', async () => {
    const { key, seen, writer } = await readerPastFirstEntries();
    // All 50 entries it read go at once, 100 new ones stay: the stream's first entry is now past the reader's position.
    const checksBefore = seen.checks;
    await burst(writer, key, 100, 100);
    await until(() => seen.events === 150 && seen.checks > checksBefore);
    expect(seen.gaps).toBe(0);
  });

  it('reports a gap when entries were trimmed away before it read them', async () => {
    const { key, seen, writer } = await readerPastFirstEntries();
    // 200 entries come at once, and the first 100 of them are trimmed away before any reader is served.
    await burst(writer, key, 200, 100);
    await until(() => seen.gaps > 0);
    expect(seen.events).toBe(150);
  });
});
