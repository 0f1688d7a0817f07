import type { ConnectionOptions, Job, Worker } from 'bullmq';
import {
  AsyncExecutor,
  CancelledError,
  compileTaskSource,
  Executor,
  Future,
  holdTaskContext,
  moduleTask,
  ProcessPoolExecutor,
  TaskRefusedError,
  ThreadPoolExecutor,
  type Task,
  withTraceContext,
} from './executorSurface';
import { openRedis, retryStrategy } from './connection';
import { AbortControllerPool } from './AbortControllerPool';
import { awaitsReplies, coalesceWrites } from './coalesceWrites';
import { refusal, type GuardSettings } from './jobGuard';
import type { JobData } from './jobData';
import { loadTasksModule, type TasksModule } from './loadTasksModule';
import { bullmq, type Redis } from './loadBullmq';
import { queueKeys, withScripts, type QueueKeys, type ScriptedRedis } from './queueScripts';
import { ProgressRelay } from './ProgressRelay';
import { ReplayMemory } from './ReplayMemory';
import { sealResult, type SealedKind } from './resultSeal';
import { readRunWorkerOptions, type RunWorkerOptions, type RunWorkerSettings } from './RunWorkerOptions';
import { Slots } from './Slots';
import { StartGates } from './StartGates';
import { decodeValue, encodeError, encodeValue } from './valueCodec';

export type { RunWorkerOptions, WorkerPoolKind } from './RunWorkerOptions';

/**
 * A running queue worker (see {@link runWorker}).
 *
 * @example
 * ```ts
 * const worker = await runWorker({ queue: 'render', tasks: './dist/tasks.js' });
 * process.once('SIGTERM', () => void worker.close());
 * ```
 */
export interface QueueWorker {
  /** The worker's name, recorded on every job it starts. */
  readonly name: string;
  /** The tasks it runs: the function exports of its tasks module. */
  readonly tasks: readonly string[];
  /**
   * Stops gracefully: takes no more jobs, hands a job it fetched ahead but did not start back to the queue, lets the
   * running ones finish, then shuts its pool down and closes its connections. Safe to call more than once.
   */
  close(): Promise<void>;
}

/**
 * Starts a worker of a queue: it takes jobs from Redis and runs them on a local pool of threads, processes or
 * event-loop slots, at most `maxWorkers` at once plus one job fetched ahead (Python's `max_workers + 1`). The
 * tasks are the functions the tasks module exports, called by name; with `secret` and `allowInline`, inline tasks
 * too. Resolves once the worker is connected and taking jobs.
 *
 * Security: with a secret, every job is verified (HMAC over the queue, job id, task, payload and expiry) before
 * anything in it is deserialized or run; unsigned, wrongly signed, expired or replayed jobs, unknown task names,
 * inline tasks on a worker that does not allow them and oversized payloads fail with `TaskRefusedError` and never
 * run. With a secret, the worker also seals each result and recorded error for its job, so that executors with the
 * secret can refuse outcomes that did not come from it. Without a secret, the worker runs named tasks only and says at
 * start that any client of the queue can call them.
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
 * await worker.close();
 * ```
 * @throws (rejects with) TypeError/RangeError for bad options; an Error naming the tasks module if it cannot be
 * loaded or exports no function.
 */
export async function runWorker(options: RunWorkerOptions): Promise<QueueWorker> {
  const settings = readRunWorkerOptions(options);
  const tasks = await loadTasksModule(settings.tasks);
  const worker = new RunningWorker(settings, tasks);
  try {
    await worker.start();
  } catch (error) {
    await worker.close();
    throw error;
  }
  return worker;
}

class RunningWorker implements QueueWorker {
  readonly name: string;
  readonly tasks: readonly string[];
  private readonly keys: QueueKeys;
  private readonly pool: Executor;
  private readonly redis: ScriptedRedis;
  private readonly control: Redis;
  private readonly bull: Worker;
  private readonly slots: Slots;
  private readonly replays = new ReplayMemory();
  /** What every job is checked against (made once: a job's check allocates nothing). */
  private readonly guard: GuardSettings;
  /** The tasks of the module's exports, by name (see `exported`). */
  private readonly exports = new Map<string, Task<unknown[], unknown>>();
  /** The abort controllers of the jobs this worker started, by job id. */
  private readonly running = new Map<string, AbortController>();
  /** The jobs' abort controllers, used again (see {@link AbortControllerPool}). */
  private readonly controllers: AbortControllerPool;
  /**
   * The jobs whose start gate was sent as soon as BullMQ fetched them while a place in the pool was free (the place
   * is taken for it), by job id: BullMQ hands a job to its processor only after one more fetch, so the gate's round
   * trip overlaps that one instead of following it, and a job that passes its gate starts on the pool at once, while
   * BullMQ is still busy with that fetch (see {@link RunningWorker.launch}).
   */
  private readonly earlyStarts = new Map<string, Promise<Launched>>();
  /**
   * Where the start gates go: BullMQ's own connection of this worker (the one that fetches its jobs) where this
   * BullMQ exposes it, so that a gate's reply comes with BullMQ's next fetch in one read, not on a socket of its own.
   */
  private gates: ScriptedRedis;
  /** The start gates asked for in one tick, sent in one call on {@link gates}. */
  private readonly startGates = new StartGates((ids) => {
    const keys = ids.map((id) => this.keys.job(id));
    return this.gates.rxfStartJobs(ids.length + 1, this.keys.events, ...keys, this.name, ...ids);
  });
  private closing: Promise<void> | undefined;
  /**
   * An `async` pool's tasks run on this event loop, one job after another: their context's promise hook stays on
   * while the worker runs (turning it on and off around every job cost more than the job; see `holdTaskContext`).
   */
  private readonly releaseTaskContext: () => void;

  constructor(
    private readonly settings: RunWorkerSettings,
    private readonly module: TasksModule,
  ) {
    this.name = settings.name;
    this.tasks = [...module.names];
    const { queue, secret, allowInline, maxPayloadBytes } = settings;
    this.guard = { queue, secret, allowInline, maxPayloadBytes, names: module.names, replays: this.replays };
    this.keys = queueKeys(settings.prefix, settings.queue);
    this.pool = localPool(settings);
    this.releaseTaskContext = settings.pool === 'async' ? holdTaskContext() : () => undefined;
    this.slots = new Slots(settings.maxWorkers);
    this.controllers = new AbortControllerPool(settings.maxWorkers + 1);
    const ignore = () => undefined;
    this.redis = withScripts(coalesceWrites(openRedis(settings.target, `rxfutures:worker:${this.name}`, ignore)));
    this.gates = this.redis;
    this.control = openRedis(settings.target, `rxfutures:worker:${this.name}:control`, ignore);
    this.control.on('message', (_channel: string, message: string) => this.onControl(message));
    this.bull = new (bullmq().Worker)(settings.queue, (job: Job, token?: string) => this.process(job, token), {
      connection: { ...settings.target.options, retryStrategy } as ConnectionOptions,
      prefix: settings.prefix,
      name: this.name,
      autorun: false,
      concurrency: settings.maxWorkers + 1,
      lockDuration: settings.lostWorkerTimeout,
      stalledInterval: Math.max(50, Math.floor(settings.lostWorkerTimeout / 2)),
      maxStalledCount: settings.maxStalledCount,
    });
    this.bull.on('error', ignore);
    this.gateOnFetch();
  }

  /** Hooks BullMQ's making of each fetched job (if this BullMQ has that method) to send the start gate at once. */
  private gateOnFetch(): void {
    const bull = this.bull as unknown as { createJob?: (data: unknown, id: string) => Job };
    const createJob = bull.createJob;
    if (typeof createJob !== 'function') return;
    bull.createJob = (data, id) => {
      const job = createJob.call(this.bull, data, id);
      this.fetched(job);
      return job;
    };
  }

  /** A job was fetched: if it will run and a place is free now, take the place and pass the start gate already. */
  private fetched(job: Job): void {
    const jobId = job.id;
    // A job BullMQ hands out only to fail it (lost more often than maxStalledCount allows: its deferred failure) never
    // reaches the processor, so it must not pass the gate: that would name this worker as the one that lost it.
    if ((job as { deferredFailure?: string }).deferredFailure !== undefined) return;
    if (jobId === undefined || this.earlyStarts.has(jobId) || this.refusalOf(job) !== undefined || !this.slots.tryAcquire()) return;
    // Registered before the gate, as in process(): a client's abort that follows the started event finds the job.
    const controller = this.controllers.take();
    this.running.set(jobId, controller);
    // On an idle connection the gate leaves at once, ahead of BullMQ's next fetch (sent a few microtasks from now):
    // its reply comes first, and the job starts on the pool while BullMQ still waits for that fetch. On a busy one the
    // gates of the tick leave together at its end. process() takes the job from there (its outcome, or the error).
    const start = this.startGates.pass(jobId, !awaitsReplies(this.gates)).then((verdict) => this.launch(job, verdict, controller.signal));
    start.catch(() => undefined); // awaited (and its error handled) in process()
    this.earlyStarts.set(jobId, start);
  }

  /**
   * The start gate's verdict for `job`; on 1 (go), the job is remembered against replays and runs on the local pool
   * from now, its progress relayed to Redis.
   */
  private launch(job: Job, verdict: number, signal: AbortSignal): Launched {
    if (verdict !== 1) return { verdict };
    const data = job.data as JobData;
    this.replays.remember(job.id!, data.x);
    const local = this.run(data, signal);
    return { verdict, run: { local, relay: new ProgressRelay(local.progress, (value) => this.sendProgress(job, value)) } };
  }

  /** Why the job must be refused, or undefined (see `refusal`). */
  private refusalOf(job: Job): string | undefined {
    // BullMQ gave the job out again after a run was lost (its lock expired while this or another worker ran it).
    const redelivered = job.stalledCounter > 0 || job.attemptsStarted > 1;
    return refusal(job.id!, job.data, this.guard, Date.now(), redelivered);
  }

  async start(): Promise<void> {
    await this.control.subscribe(this.keys.control);
    await this.bull.waitUntilReady();
    const bullClient = await (this.bull.backend as unknown as { client?: Promise<Redis> }).client?.catch(() => undefined);
    // While replies are awaited, a start gate, BullMQ's next fetch and the completions of the jobs that ended together
    // leave in one write.
    if (bullClient !== undefined && typeof bullClient.defineCommand === 'function') this.gates = withScripts(coalesceWrites(bullClient));
    void this.bull.run().catch(() => undefined);
    const { secret, allowInline, queue, log } = this.settings;
    const names = this.tasks.join(', ');
    if (secret === undefined) {
      log(
        `rxfutures worker ${this.name}: no secret, so any client that can write to queue '${queue}' can call ` +
          `${names}; set RXFUTURES_SECRET (or the secret option) on the workers and the executors to allow signed jobs only`,
      );
    } else {
      log(`rxfutures worker ${this.name}: queue '${queue}', tasks ${names}${allowInline ? ', signed inline tasks allowed' : ''}`);
    }
  }

  close(): Promise<void> {
    return (this.closing ??= this.shutdown());
  }

  private async shutdown(): Promise<void> {
    this.slots.close();
    await this.bull.close().catch(() => undefined);
    await this.pool.shutdown();
    this.releaseTaskContext();
    this.control.disconnect();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private onControl(message: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      return;
    }
    if (!Array.isArray(parsed) || parsed[0] !== 'abort' || typeof parsed[1] !== 'string') return;
    this.running.get(parsed[1])?.abort(new CancelledError(`job ${parsed[1]} was stopped by its client`));
  }

  /** BullMQ's processor: refuse, or wait for a place in the pool, pass the start gate, run, and report. */
  private async process(job: Job, token: string | undefined): Promise<string> {
    const jobId = job.id!;
    const jobKey = this.keys.job(jobId);
    const early = this.earlyStarts.get(jobId);
    this.earlyStarts.delete(jobId);
    // A job whose gate went out at fetch passed these checks then, and holds its place in the pool.
    const why = early === undefined ? this.refusalOf(job) : undefined;
    if (why !== undefined) {
      throw this.final(job, await this.record(jobId, new TaskRefusedError(`worker ${this.name} refused job ${jobId}: ${why}; it did not run`)));
    }
    if (early === undefined && !(await this.slots.acquire())) {
      // Closing: the job was fetched ahead and never started; it goes back to the queue for another worker.
      await job.moveToWait(token);
      throw new (bullmq().WaitingError)();
    }
    const controller = (early !== undefined ? this.running.get(jobId) : undefined) ?? this.controllers.take();
    this.running.set(jobId, controller);
    try {
      const { run } = await (early ?? this.startGates.pass(jobId).then((gate) => this.launch(job, gate, controller.signal)));
      if (run === undefined) throw new CancelledError(`job ${jobId} was cancelled before it started; it did not run`);
      const { local, relay } = run;
      let value: unknown;
      try {
        value = await local.result();
      } finally {
        const closing = relay.close(); // the last progress goes into the events stream before the outcome
        if (closing !== undefined) await closing;
      }
      return this.seal(jobId, 'value', encodeValue(value, "the task's result"));
    } catch (error) {
      const recorded = await this.record(jobId, error);
      if (error instanceof CancelledError || error instanceof TaskRefusedError) throw this.final(job, recorded);
      // BullMQ will run it again (attempts left): open the gate, so the client may cancel it meanwhile.
      if (job.attemptsMade + 1 < (job.opts.attempts ?? 1)) await this.redis.rxfRetryJob(jobKey, this.keys.events, jobId).catch(() => undefined);
      throw recorded;
    } finally {
      this.running.delete(jobId);
      // The local future has settled (or the job never reached the pool): nothing watches the controller now.
      this.controllers.give(controller);
      this.slots.release();
    }
  }

  /**
   * The error for BullMQ of a job that must not run again whatever attempts it has left (refused, or cancelled):
   * BullMQ's UnrecoverableError, with the same message (the client reads the task's own error from the job's hash).
   */
  private final(job: Job, error: Error): Error {
    if ((job.opts.attempts ?? 1) <= 1) return error;
    return new (bullmq().UnrecoverableError)(error.message);
  }

  /** With a secret, signs an outcome for its job (see `sealResult`), so that executors can tell it is genuine. */
  private seal(jobId: string, kind: SealedKind, encoded: string): string {
    const { secret, queue } = this.settings;
    return secret === undefined ? encoded : sealResult(secret, queue, jobId, kind, encoded);
  }

  /**
   * Writes a progress value the task reported to its job (BullMQ's job progress, which adds a `progress` event to the
   * queue's events stream), encoded as results are and sealed with the secret. A value that cannot be encoded throws
   * here, and the relay drops it.
   */
  private sendProgress(job: Job, value: unknown): Promise<void> {
    return job.updateProgress(this.seal(job.id!, 'progress', encodeValue(value, 'a progress value')));
  }

  /** The task of an export of the tasks module, made once per name (a `moduleTask` parses its URL). */
  private exported(name: string): Task<unknown[], unknown> {
    let task = this.exports.get(name);
    if (task === undefined) {
      task = moduleTask(this.module.url, name);
      this.exports.set(name, task);
    }
    return task;
  }

  private run(data: JobData, signal: AbortSignal): Future<unknown> {
    const args = decodeValue(data.a) as unknown[];
    const task: Task<unknown[], unknown> = data.t === '' ? compileTaskSource(data.s!, this.module.url) : this.exported(data.t);
    const options = { signal, timeout: data.o };
    // The task's span here (with this process's SDK, if any) continues the client's trace.
    return withTraceContext(data.p, () =>
      data.c === 0 ? this.pool.submitWith(options, task, ...args) : this.pool.submitChunk(task, args, options, data.c),
    );
  }

  /**
   * Writes the task's error to the job's hash (field `rxe`, with every detail the client rebuilds) and returns the
   * error for BullMQ, which stores its message and stack as the job's failure.
   */
  private async record(jobId: string, error: unknown): Promise<Error> {
    let encoded: string;
    try {
      encoded = encodeError(error);
    } catch {
      encoded = encodeError(new Error(String(error)));
    }
    await this.redis.rxfRecordError(this.keys.job(jobId), this.seal(jobId, 'error', encoded)).catch(() => undefined);
    if (error instanceof Error) return error;
    return new Error(`the task threw a non-Error value: ${String(error).slice(0, 200)}`);
  }
}

/** A job's start gate verdict (-1 gone, 0 cancelled, 1 go) and, on 1, its run on the local pool. */
interface Launched {
  readonly verdict: number;
  readonly run?: { readonly local: Future<unknown>; readonly relay: ProgressRelay };
}

/** The local pool a worker runs its jobs on. */
function localPool({ pool, maxWorkers, abortGraceMs, name }: RunWorkerSettings): Executor {
  const threadNamePrefix = `${name}`;
  if (pool === 'async') return new AsyncExecutor({ maxWorkers, abortGraceMs, threadNamePrefix });
  if (pool === 'processes') return new ProcessPoolExecutor({ maxWorkers, abortGraceMs, threadNamePrefix });
  return new ThreadPoolExecutor({ maxWorkers, abortGraceMs, threadNamePrefix });
}
