import type { ConnectionOptions as TlsOptions } from 'node:tls';
import type { RedisOptions } from 'ioredis';
import { describe } from './executorSurface';
import { ioredis, type Redis } from './loadBullmq';

/**
 * Where Redis is: a URL (`redis://[user:password@]host[:port][/db]`, or `rediss://` for TLS) or the same parts as
 * an object. A Redis ACL user and password go in either; no password ever appears in an error, a log line or an
 * event of rxfutures.
 *
 * @example
 * ```ts
 * const a: QueueConnection = 'redis://10.0.0.5:6379';
 * const b: QueueConnection = { host: 'redis.internal', port: 6380, username: 'jobs', password: process.env.REDIS_PASSWORD, tls: {} };
 * ```
 */
export type QueueConnection = string | QueueConnectionOptions;

/**
 * The parts of a {@link QueueConnection} given as an object.
 *
 * @example
 * ```ts
 * const connection: QueueConnectionOptions = { host: '127.0.0.1', port: 6379, db: 2 };
 * ```
 */
export interface QueueConnectionOptions {
  /** The server's host name or address. @default '127.0.0.1' */
  host?: string;
  /** The server's port. @default 6379 */
  port?: number;
  /** A Redis ACL user name. */
  username?: string;
  /** The password (of the ACL user, or Redis's `requirepass`). */
  password?: string;
  /** The database number. @default 0 */
  db?: number;
  /** TLS: `true` or Node's TLS options (`ca`, `cert`, `servername`...). @default no TLS */
  tls?: boolean | TlsOptions;
}

/** A checked connection: options for ioredis, and a label for messages that never holds the password. */
export interface RedisTarget {
  readonly options: RedisOptions;
  readonly label: string;
}

/**
 * Reads a {@link QueueConnection} into ioredis options and a password-free label.
 *
 * @example
 * ```ts
 * readConnection('redis://app:secret@10.0.0.5:6379/1').label; // 'redis://app:***@10.0.0.5:6379/1'
 * ```
 * @throws TypeError for something that is neither a redis:// URL nor a connection object.
 */
export function readConnection(connection: unknown): RedisTarget {
  if (typeof connection === 'string') return fromUrl(connection);
  if (connection === null || typeof connection !== 'object' || Array.isArray(connection)) {
    throw new TypeError(`connection must be a redis:// URL or { host, port, ... }; received ${describe(connection)}`);
  }
  const { host = '127.0.0.1', port = 6379, username, password, db = 0, tls } = connection as QueueConnectionOptions;
  if (typeof host !== 'string' || !Number.isInteger(port) || !Number.isInteger(db)) {
    throw new TypeError('connection needs a string host and whole-number port and db');
  }
  const options: RedisOptions = { host, port, db };
  if (username !== undefined) options.username = String(username);
  if (password !== undefined) options.password = String(password);
  if (tls) options.tls = tls === true ? {} : tls;
  return { options, label: label(tls ? 'rediss' : 'redis', host, port, db, username, password !== undefined) };
}

function fromUrl(text: string): RedisTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // The text may hold a password: never repeat it.
    throw new TypeError('connection is not a valid redis:// or rediss:// URL');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new TypeError(`connection must be a redis:// or rediss:// URL; received a ${url.protocol} URL`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = url.port === '' ? 6379 : Number(url.port);
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  if (!Number.isInteger(db)) throw new TypeError('the database in a redis:// URL must be a number, as in redis://host:6379/2');
  const options: RedisOptions = { host, port, db };
  const username = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if (username !== '') options.username = username;
  if (password !== '') options.password = password;
  if (url.protocol === 'rediss:') options.tls = {};
  return { options, label: label(url.protocol.slice(0, -1), host, port, db, username || undefined, password !== '') };
}

function label(scheme: string, host: string, port: number, db: number, user: string | undefined, secret: boolean): string {
  const auth = user !== undefined || secret ? `${user ?? ''}${secret ? ':***' : ''}@` : '';
  return `${scheme}://${auth}${host.includes(':') ? `[${host}]` : host}:${port}${db === 0 ? '' : `/${db}`}`;
}

/**
 * Opens an ioredis client to `target` that retries for ever (the caller decides when to give up, see
 * `connectionTimeout`) and reports its errors to `onError` instead of the console.
 *
 * @example
 * ```ts
 * const client = openRedis(readConnection('redis://127.0.0.1:6379'), 'rxfutures:client', (e) => undefined);
 * ```
 */
export function openRedis(target: RedisTarget, name: string, onError: (error: Error) => void): Redis {
  const Redis = ioredis();
  const client = new Redis({
    ...target.options,
    connectionName: name,
    maxRetriesPerRequest: null,
    retryStrategy,
  });
  client.on('error', onError);
  return client;
}

/** Reconnect delays of every rxfutures connection: 100 ms, 200 ms, then every 1 s (the caller decides when to give up). */
export function retryStrategy(times: number): number {
  return Math.min(50 * 2 ** Math.min(times, 5), 1000);
}
