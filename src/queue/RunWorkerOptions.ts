import { availableParallelism, hostname } from 'node:os';
import { checkInteger, checkOptions, checkTimeout, describe } from './executorSurface';
import { readConnection, type QueueConnection, type RedisTarget } from './connection';
import { checkQueueName, checkSecret, DEFAULT_MAX_PAYLOAD_BYTES } from './QueueExecutorOptions';

/**
 * The local pool a queue worker runs its jobs on: worker threads, child processes, or its own event loop.
 *
 * @example
 * ```ts
 * const pool: WorkerPoolKind = 'processes'; // a crash in a task harms only its process
 * await runWorker({ queue: 'render', tasks: './dist/tasks.js', pool });
 * ```
 */
export type WorkerPoolKind = 'threads' | 'processes' | 'async';

/**
 * Options of {@link runWorker}. Times are in milliseconds.
 *
 * @example
 * ```ts
 * const worker = await runWorker({
 *   queue: 'render',
 *   connection: 'redis://10.0.0.5:6379',
 *   tasks: new URL('./tasks.js', import.meta.url),
 *   pool: 'processes',
 *   maxWorkers: 8,
 *   secret: process.env.RXFUTURES_SECRET,
 * });
 * ```
 */
export interface RunWorkerOptions {
  /** The queue to take jobs from. */
  queue: string;
  /** Where Redis is (see {@link QueueConnection}). @default 'redis://127.0.0.1:6379' */
  connection?: QueueConnection;
  /** BullMQ's key prefix. @default 'bull' */
  prefix?: string;
  /** The tasks module (path or `file:` URL): its exported functions are the tasks this worker runs, by name. */
  tasks: string | URL;
  /** Where jobs run: `'threads'`, `'processes'` (a crash harms only that process) or `'async'` (this event loop). @default 'threads' */
  pool?: WorkerPoolKind;
  /** Size of the local pool. The worker holds at most this many jobs plus one fetched ahead. @default os.availableParallelism() */
  maxWorkers?: number;
  /**
   * The secret clients sign jobs with. With it, every job is verified before anything in it is deserialized or run.
   * Without it, the worker runs named tasks only, and any client of the queue can call them. @default none
   */
  secret?: string;
  /** Run inline tasks (functions sent as source) too; needs `secret`. @default false */
  allowInline?: boolean;
  /**
   * How soon the jobs of a worker that died are handed to another: BullMQ's lock duration is set to it and its
   * stalled-job check runs every half of it. @default 30_000
   */
  lostWorkerTimeout?: number;
  /** How often a job may be handed on after its worker was lost before it fails with `WorkerLostError`. @default 1 */
  maxStalledCount?: number;
  /** The largest job payload this worker accepts (larger ones are refused). @default 16 MiB */
  maxPayloadBytes?: number;
  /** This worker's name, recorded on the jobs it runs (`WorkerLostError` names it). @default `<host>:<pid>:<n>` */
  name?: string;
  /** How long an aborted task may wind down before its thread or process is killed. @default 1000 */
  abortGraceMs?: number;
  /** Where the worker writes its few log lines (the start-up notice). @default one line to stderr */
  log?: (line: string) => void;
}

/** {@link RunWorkerOptions} after validation, with defaults. */
export interface RunWorkerSettings {
  readonly queue: string;
  readonly target: RedisTarget;
  readonly prefix: string;
  readonly tasks: string | URL;
  readonly pool: WorkerPoolKind;
  readonly maxWorkers: number;
  readonly secret: string | undefined;
  readonly allowInline: boolean;
  readonly lostWorkerTimeout: number;
  readonly maxStalledCount: number;
  readonly maxPayloadBytes: number;
  readonly name: string;
  readonly abortGraceMs: number;
  readonly log: (line: string) => void;
}

let workers = 0;

/**
 * Validates {@link RunWorkerOptions}.
 *
 * @example
 * ```ts
 * const settings = readRunWorkerOptions({ queue: 'render', tasks: './dist/tasks.js' });
 * ```
 * @throws TypeError/RangeError naming the option (never repeating a secret or password).
 */
export function readRunWorkerOptions(options: RunWorkerOptions): RunWorkerSettings {
  if (options === undefined) throw new TypeError('runWorker needs options: at least { queue, tasks }');
  const opts = checkOptions<RunWorkerOptions>('runWorker options', options);
  const pool = opts.pool ?? 'threads';
  if (pool !== 'threads' && pool !== 'processes' && pool !== 'async') {
    throw new TypeError(`pool must be 'threads', 'processes' or 'async'; received ${describe(pool)}`);
  }
  const secret = checkSecret(opts.secret);
  const allowInline = opts.allowInline ?? false;
  if (typeof allowInline !== 'boolean') throw new TypeError(`allowInline must be true or false; received ${describe(allowInline)}`);
  if (allowInline && secret === undefined) {
    throw new TypeError('allowInline needs a secret: without one, anyone who can write to the queue could run any code on this worker');
  }
  const lostWorkerTimeout = checkTimeout('lostWorkerTimeout', opts.lostWorkerTimeout) ?? 30_000;
  if (lostWorkerTimeout < 100) throw new RangeError(`lostWorkerTimeout must be at least 100 ms; received ${lostWorkerTimeout}`);
  if (opts.tasks === undefined) throw new TypeError('runWorker needs tasks: the path or file: URL of the tasks module');
  if (opts.name !== undefined && (typeof opts.name !== 'string' || opts.name === '')) {
    throw new TypeError(`name must be a non-empty string; received ${describe(opts.name)}`);
  }
  if (opts.log !== undefined && typeof opts.log !== 'function') throw new TypeError(`log must be a function; received ${describe(opts.log)}`);
  return {
    queue: checkQueueName('queue', opts.queue),
    target: readConnection(opts.connection ?? 'redis://127.0.0.1:6379'),
    prefix: opts.prefix === undefined ? 'bull' : checkQueueName('prefix', opts.prefix),
    tasks: opts.tasks,
    pool,
    maxWorkers: checkInteger('maxWorkers', opts.maxWorkers, 1, availableParallelism()),
    secret,
    allowInline,
    lostWorkerTimeout,
    maxStalledCount: checkInteger('maxStalledCount', opts.maxStalledCount, 0, 1),
    maxPayloadBytes: checkInteger('maxPayloadBytes', opts.maxPayloadBytes, 1, DEFAULT_MAX_PAYLOAD_BYTES),
    name: opts.name ?? `${hostname()}:${process.pid}:${workers++}`,
    abortGraceMs: checkTimeout('abortGraceMs', opts.abortGraceMs) ?? 1000,
    log: opts.log ?? ((line) => process.stderr.write(`${line}\n`)),
  };
}
