import type { Redis } from './loadBullmq';

/**
 * The few atomic steps rxfutures adds to BullMQ's, as Lua scripts run by Redis. Each works on BullMQ's documented
 * key layout (`<prefix>:<queue>:<jobId>` for a job's hash, `:completed`/`:failed` sorted sets, the `:events`
 * stream) and on two fields rxfutures keeps in the job's hash: `rxg`, the start gate (`s` once a worker started the
 * job, `c` once the client cancelled it, `r` while a job BullMQ retries waits for its next attempt), and `rxw`, the name of the worker that started it last. Both go when the
 * job's hash goes, so they cost nothing to clean up.
 */
/** The event a worker adds to the queue's event stream when it starts a job (past the cancel gate). */
export const STARTED_EVENT = 'rxfutures:started';
/** The event a worker adds when an attempt of a job failed and BullMQ will run it again (see `rxfRetryJob`). */
export const RETRY_EVENT = 'rxfutures:retry';

/**
 * Lua: `added(key)`, the stream's `entries-added` counter (Redis 7: every entry ever added, so the ordinal of its
 * last entry), 0 for no stream, -1 where the server does not report it.
 */
const ENTRIES_ADDED = `
local function added(key)
  if redis.call('EXISTS', key) == 0 then return 0 end
  local info = redis.call('XINFO', 'STREAM', key)
  for i = 1, #info, 2 do
    if info[i] == 'entries-added' then return info[i + 1] end
  end
  return -1
end`;

const scripts = {
  /**
   * Reads up to ARGV[2] events after id ARGV[1] and, in the same atomic step, the id of the stream's first entry and
   * its `entries-added` counter (see `ENTRIES_ADDED`): together they tell whether entries were trimmed away unread.
   */
  rxfReadEvents: {
    numberOfKeys: 1,
    lua: `${ENTRIES_ADDED}
local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
local head = false
if first[1] then head = first[1][1] end
return {head, added(KEYS[1]), redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], '+', 'COUNT', ARGV[2])}`,
  },
  /**
   * The id to read events after, the stream's last entry (or, no stream yet, just before the server's clock), and the
   * stream's `entries-added` counter, the ordinal of that entry.
   */
  rxfEventPosition: {
    numberOfKeys: 1,
    lua: `${ENTRIES_ADDED}
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
if last[1] then return {last[1][1], added(KEYS[1])} end
local now = redis.call('TIME')
return {tostring(tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - 1) .. '-18446744073709551615', added(KEYS[1])}`,
  },
  /** The stream's first and last entry ids (false for none) and its `entries-added` counter: the reader's check. */
  rxfStreamState: {
    numberOfKeys: 1,
    lua: `${ENTRIES_ADDED}
local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local head = false
local tail = false
if first[1] then head = first[1][1] end
if last[1] then tail = last[1][1] end
return {head, tail, added(KEYS[1])}`,
  },
  /**
   * Workers may start these jobs (KEYS[1] the events stream, KEYS[2..] the jobs' hashes; ARGV[1] the worker's name,
   * ARGV[2..] the jobs' ids in the same order; the gates asked for in one tick come in one call): the verdict of each,
   * in that order, is -1 the job is gone, 0 it was cancelled (do not run it), 1 go (the gate is now 's', the job
   * records the worker's name, and a `STARTED_EVENT` for the job goes to the events stream: BullMQ's own `active`
   * event comes when a job is fetched, which may be ahead of its start). Each job's gate is atomic with
   * {@link scripts.rxfCancelJob}: exactly one of the two wins.
   */
  rxfStartJobs: {
    numberOfKeys: undefined,
    lua: `
local verdicts = {}
for i = 2, #KEYS do
  local verdict = 1
  local state = redis.call('HMGET', KEYS[i], 'timestamp', 'rxg')
  if not state[1] then
    verdict = -1
  elseif state[2] == 'c' then
    verdict = 0
  else
    redis.call('HSET', KEYS[i], 'rxg', 's', 'rxw', ARGV[1])
    redis.call('XADD', KEYS[1], '*', 'event', '${STARTED_EVENT}', 'jobId', ARGV[i], 'worker', ARGV[1])
  end
  verdicts[i - 1] = verdict
end
return verdicts`,
  },
  /** The client cancels the job: -1 it is gone, 0 a worker started it already, 1 it is marked and will never run. */
  rxfCancelJob: {
    numberOfKeys: 1,
    lua: `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('HGET', KEYS[1], 'rxg') == 's' then return 0 end
redis.call('HSET', KEYS[1], 'rxg', 'c')
return 1`,
  },
  /**
   * An attempt of a job failed and BullMQ will retry it: the gate opens again (`r`), so that the client may cancel the
   * job while it waits for its next attempt, and a `RETRY_EVENT` for job ARGV[1] goes to the events stream KEYS[2].
   * -1 the job is gone, 0 its gate was not `s` (left alone), 1 done.
   */
  rxfRetryJob: {
    numberOfKeys: 2,
    lua: `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('HGET', KEYS[1], 'rxg') ~= 's' then return 0 end
redis.call('HSET', KEYS[1], 'rxg', 'r')
redis.call('XADD', KEYS[2], '*', 'event', '${RETRY_EVENT}', 'jobId', ARGV[1])
return 1`,
  },
  /** Records a task's error (ARGV[1]) in the job's hash, if the job still exists (never re-creates a removed job). */
  rxfRecordError: {
    numberOfKeys: 1,
    lua: `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'rxe', ARGV[1])
return 1`,
  },
  /**
   * Removes finished jobs whose results were read: for each id in ARGV[2..], if it is in the completed (KEYS[1]) or
   * failed (KEYS[2]) set, it leaves the set and its hash and log keys are deleted (ARGV[1] is the queue's key prefix).
   * A job in any other state (retried, running again) is left alone. One call for a whole batch, and no event.
   */
  rxfRemoveSettled: {
    numberOfKeys: 2,
    lua: `
local removed = 0
for i = 2, #ARGV do
  local id = ARGV[i]
  if redis.call('ZREM', KEYS[1], id) == 1 or redis.call('ZREM', KEYS[2], id) == 1 then
    redis.call('DEL', ARGV[1] .. id, ARGV[1] .. id .. ':logs')
    removed = removed + 1
  end
end
return removed`,
  },
} as const;

/** A Redis client with the scripts above as commands. */
export interface ScriptedRedis extends Redis {
  rxfReadEvents(stream: string, after: string, count: number): Promise<[string | null, number, [string, string[]][]]>;
  rxfEventPosition(stream: string): Promise<[string, number]>;
  rxfStreamState(stream: string): Promise<[string | null, string | null, number]>;
  rxfStartJobs(keyCount: number, events: string, ...keysThenArgs: string[]): Promise<number[]>;
  rxfCancelJob(jobKey: string): Promise<number>;
  rxfRetryJob(jobKey: string, events: string, jobId: string): Promise<number>;
  rxfRecordError(jobKey: string, encoded: string): Promise<number>;
  rxfRemoveSettled(completed: string, failed: string, prefix: string, ...ids: string[]): Promise<number>;
}

/**
 * Adds the scripts as commands of `client` (sent by hash, loaded once per server).
 *
 * @example
 * ```ts
 * const scripted = withScripts(client);
 * await scripted.rxfStartJobs(2, 'bull:render:events', 'bull:render:job-1', 'worker-a', 'job-1'); // [1]
 * ```
 */
export function withScripts(client: Redis): ScriptedRedis {
  for (const [name, { numberOfKeys, lua }] of Object.entries(scripts)) {
    if (!(name in client)) client.defineCommand(name, { numberOfKeys, lua });
  }
  return client as ScriptedRedis;
}

/**
 * The Redis keys and channel of one queue, as BullMQ names them (`<prefix>:<queue>:...`).
 *
 * @example
 * ```ts
 * const keys = queueKeys('bull', 'render');
 * keys.job('job-1'); // 'bull:render:job-1'
 * ```
 */
export function queueKeys(prefix: string, queue: string) {
  const base = `${prefix}:${queue}:`;
  return {
    base,
    events: `${base}events`,
    completed: `${base}completed`,
    failed: `${base}failed`,
    /** The channel on which clients tell workers to stop running jobs. */
    control: `${base}rxfutures:control`,
    job: (id: string) => base + id,
  };
}

/** The keys of one queue (see {@link queueKeys}). */
export type QueueKeys = ReturnType<typeof queueKeys>;
