import type * as BullMQ from 'bullmq';
import type IORedis from 'ioredis';

/** The `ioredis` client class. */
export type RedisClass = typeof IORedis;
/** One `ioredis` client. */
export type Redis = IORedis;

let bull: typeof BullMQ | undefined;
let redis: RedisClass | undefined;

function load<T>(name: string): T {
  try {
    return require(name) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error(
      `rxfutures/queue needs the packages bullmq (6.x) and ioredis (5.x), which are optional peer dependencies of ` +
        `rxfutures; '${name}' is not installed. Run: npm install bullmq ioredis`,
      { cause: error },
    );
  }
}

/**
 * BullMQ, loaded on first use. Only `rxfutures/queue` calls this, so users of the local pools never load it.
 *
 * @throws Error naming the missing package and the command that installs it.
 */
export function bullmq(): typeof BullMQ {
  return (bull ??= load<typeof BullMQ>('bullmq'));
}

/** The ioredis client class, loaded on first use (see {@link bullmq}). */
export function ioredis(): RedisClass {
  if (redis === undefined) {
    const loaded = load<{ default?: RedisClass } & RedisClass>('ioredis');
    redis = loaded.default ?? loaded;
  }
  return redis;
}
