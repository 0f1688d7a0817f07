import { checkInteger, checkOptions, checkTimeout, describe, type ExecutorOptions } from './executorSurface';
import { readConnection, type QueueConnection, type RedisTarget } from './connection';

/**
 * Options of {@link QueueExecutor}. Times are in milliseconds.
 *
 * @example
 * ```ts
 * const ex = new QueueExecutor({
 *   queue: 'render',
 *   connection: 'redis://10.0.0.5:6379',
 *   secret: process.env.RXFUTURES_SECRET,
 *   keepResultsMs: 600_000,
 * });
 * ```
 */
export interface QueueExecutorOptions extends Pick<ExecutorOptions, 'maxWorkers'> {
  /** The BullMQ queue's name; workers started with the same name (and Redis) run its jobs. */
  queue: string;
  /** Where Redis is (see {@link QueueConnection}). @default 'redis://127.0.0.1:6379' */
  connection?: QueueConnection;
  /** BullMQ's key prefix. @default 'bull' */
  prefix?: string;
  /**
   * The shared secret that signs every job (HMAC-SHA256). Workers with a secret refuse jobs not signed with it;
   * inline tasks need one. @default none: jobs are unsigned (workers without a secret run named tasks only)
   */
  secret?: string;
  /**
   * At most this many of this executor's tasks are in Redis (waiting or running) at once; later ones wait in the
   * executor, where `cancel()` costs nothing. It bounds Redis memory for endless inputs. @default 10_000
   */
  maxWorkers?: number;
  /** How long a finished job nobody reads (its future was dropped, its process died) stays in Redis. @default 3_600_000 */
  keepResultsMs?: number;
  /** How long Redis may stay unreachable before every pending future fails with `QueueConnectionError`. @default 30_000 */
  connectionTimeout?: number;
  /** A job not started within this time after its submission is refused by the worker (and a signature expires). @default 86_400_000 */
  jobExpiryMs?: number;
  /** The largest serialized payload (arguments, or inline source and arguments) a job may carry. @default 16 MiB */
  maxPayloadBytes?: number;
}

/** {@link QueueExecutorOptions} after validation, with defaults. */
export interface QueueExecutorSettings {
  readonly queue: string;
  readonly target: RedisTarget;
  readonly prefix: string;
  readonly secret: string | undefined;
  readonly keepResultsMs: number;
  readonly connectionTimeout: number;
  readonly jobExpiryMs: number;
  readonly maxPayloadBytes: number;
}

/** The default of `maxPayloadBytes`, for the executor and the worker alike. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

/**
 * Checks a queue name: BullMQ keys are `<prefix>:<name>:...`, so a name must be non-empty and without `:`.
 *
 * @example
 * ```ts
 * checkQueueName('queue', 'render'); // 'render'
 * ```
 * @throws TypeError naming the option and the value received.
 */
export function checkQueueName(option: string, value: unknown): string {
  if (typeof value !== 'string' || value === '' || value.includes(':')) {
    throw new TypeError(`${option} must be a non-empty string without ':'; received ${describe(value)}`);
  }
  return value;
}

/**
 * Checks a secret: a non-empty string, or undefined.
 *
 * @example
 * ```ts
 * checkSecret(process.env.RXFUTURES_SECRET);
 * ```
 * @throws TypeError (which never repeats the value).
 */
export function checkSecret(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new TypeError('secret must be a non-empty string or undefined');
  return value;
}

/**
 * Validates {@link QueueExecutorOptions} (all but `maxWorkers`, which the Executor base checks).
 *
 * @example
 * ```ts
 * const settings = readQueueExecutorOptions({ queue: 'render' });
 * ```
 * @throws TypeError/RangeError naming the option and the value received.
 */
export function readQueueExecutorOptions(options: QueueExecutorOptions): QueueExecutorSettings {
  if (options === undefined) throw new TypeError('QueueExecutor needs options: at least { queue: "<name>" }');
  const opts = checkOptions<QueueExecutorOptions>('QueueExecutor options', options);
  return {
    queue: checkQueueName('queue', opts.queue),
    target: readConnection(opts.connection ?? 'redis://127.0.0.1:6379'),
    prefix: opts.prefix === undefined ? 'bull' : checkQueueName('prefix', opts.prefix),
    secret: checkSecret(opts.secret),
    keepResultsMs: checkTimeout('keepResultsMs', opts.keepResultsMs) ?? 3_600_000,
    connectionTimeout: checkTimeout('connectionTimeout', opts.connectionTimeout) ?? 30_000,
    jobExpiryMs: checkTimeout('jobExpiryMs', opts.jobExpiryMs) ?? 86_400_000,
    maxPayloadBytes: checkInteger('maxPayloadBytes', opts.maxPayloadBytes, 1, DEFAULT_MAX_PAYLOAD_BYTES),
  };
}
