import { randomBytes } from 'node:crypto';
import type { Queue } from 'bullmq';
import {
  Executor,
  Future,
  ONE_CALL,
  QueueConnectionError,
  SerializationError,
  WaitingQueue,
  WorkItem,
  describe,
  reportItemProgress,
  type SubmitOptions,
  type Task,
} from './executorSurface';
import { bullAttempts, bullRetries } from './bullAttempts';
import { buildJob } from './buildJob';
import { coalesceWrites } from './coalesceWrites';
import { ConnectionWatch } from './ConnectionWatch';
import { openRedis } from './connection';
import { EventReader, type QueueEvent } from './EventReader';
import { completed, failureOf, jobLost, outcomeOf, progressOf, OUTCOME_FIELDS, UNSEALED, type JobOutcome, type OutcomeCheck } from './jobOutcome';
import { bullmq } from './loadBullmq';
import { queueKeys, RETRY_EVENT, STARTED_EVENT, withScripts, type QueueKeys, type ScriptedRedis } from './queueScripts';
import { unsealResult } from './resultSeal';
import { readQueueExecutorOptions, type QueueExecutorOptions, type QueueExecutorSettings } from './QueueExecutorOptions';
import { DONE, DRAINING, QUEUED, SENDING, WAITING, TrackedJob } from './TrackedJob';

export type { QueueExecutorOptions } from './QueueExecutorOptions';

/**
 * A future of a {@link QueueExecutor}: a {@link Future} that also knows its job's id, made by the client, so it is
 * known at once (to log it, or to re-attach later with {@link QueueExecutor.futureOf}).
 *
 * @example
 * ```ts
 * const future: QueueFuture<string> = ex.submit(hash, 'text');
 * console.log(future.jobId);
 * ```
 */
export type QueueFuture<T> = Future<T> & {
  /** The id of the future's job in Redis (BullMQ's job id), made by the client at submit. */
  readonly jobId: string;
};

/** How many jobs one reconcile or removal call covers. */
const BATCH = 500;

/**
 * How long the ids of results read wait to be removed together (fewer than {@link BATCH} of them): one call for the
 * results of many sequential round trips instead of one each. New jobs sent meanwhile take them along, and shutdown
 * sends them at once.
 */
const REMOVAL_DELAY_MS = 20;

/** Stands for the task of a future re-attached with `futureOf` (it is never run here). */
const attachedTask = () => undefined;

/**
 * Python's `Executor` over a BullMQ queue in Redis: `submit`, `map`, `shutdown`, `await using`, and futures that work
 * with `wait`, `asCompleted` and the operators, while the tasks run on workers on any number of machines (see
 * `runWorker` and `npx rxfutures worker`).
 *
 * Each `submit` is one job, with an id made here (`future.jobId`); `map` sends one job per chunk. One subscription
 * (a reader of the queue's event stream) settles every future of the executor, and every pending job is checked in
 * Redis again after a reconnect or when events were trimmed away unread, so a future settles exactly once and never
 * hangs on a missed event. A result is removed from Redis once its future has it (the removals of 20 ms go in one
 * call). With a secret, jobs are signed and only outcomes the workers sealed with the secret for that job are
 * accepted (others fail the future with `TaskRefusedError`).
 *
 * `cancel()` is synchronous and true unless the task was seen running; the job then never runs (workers check a
 * cancel mark atomically before they start a job), or, if a worker started it in the same instant, it is stopped.
 * Delivery is at least once: a job whose worker died runs again elsewhere, so tasks should be idempotent.
 *
 * @example
 * ```ts
 * import { QueueExecutor, namedTask } from 'rxfutures/queue';
 * import type * as tasks from './tasks.js';
 *
 * await using ex = new QueueExecutor({ queue: 'render', connection: 'redis://10.0.0.5:6379', secret: process.env.RXFUTURES_SECRET });
 * const hash = namedTask<typeof tasks.hash>('hash');
 * console.log(await ex.submit(hash, 'text'));
 * for await (const digest of ex.map(hash, inputs, { chunksize: 64 })) console.log(digest);
 * ```
 * @throws TypeError/RangeError for bad options (messages name the option; never the password).
 */
export class QueueExecutor extends Executor {
  /** The BullMQ queue's name. */
  readonly queueName: string;
  private readonly settings: QueueExecutorSettings;
  private readonly keys: QueueKeys;
  /** Opens the outcomes workers sealed with the secret (refuses the others); without a secret, takes them as they are. */
  private readonly check: OutcomeCheck;
  private readonly client: ScriptedRedis;
  private readonly eventsClient: ScriptedRedis;
  private readonly queue: Queue;
  private readonly watch: ConnectionWatch;
  private readonly idPrefix = `rx${randomBytes(6).toString('hex')}-`;
  private nextId = 0;
  private readonly waiting = new WaitingQueue<TrackedJob>((tracked) => tracked.item.options?.priority);
  private readonly jobs = new Map<string, TrackedJob>();
  /** Jobs of this executor in Redis whose futures are not settled (the `maxWorkers` window). */
  private inRedis = 0;
  /** Futures not settled yet (waiting, in Redis, re-attached). */
  private open = 0;
  private removals: string[] = [];
  private removalTimer: ReturnType<typeof setTimeout> | undefined;
  private flushScheduled = false;
  private writes = 0;
  private reader: EventReader | undefined;
  private ready = false;
  private disconnected = false;

  /** @default maxWorkers 10,000 (jobs in Redis at once, see {@link QueueExecutorOptions.maxWorkers}) */
  constructor(options: QueueExecutorOptions) {
    const settings = readQueueExecutorOptions(options);
    super({ maxWorkers: (options as { maxWorkers?: number }).maxWorkers }, 'QueueExecutor', 10_000);
    this.settings = settings;
    this.queueName = settings.queue;
    this.keys = queueKeys(settings.prefix, settings.queue);
    const { secret, queue } = settings;
    this.check = secret === undefined ? UNSEALED : (jobId, kind, text) => unsealResult(secret, queue, jobId, kind, text);
    const ignore = () => undefined; // connection errors are handled by the ConnectionWatch
    // While replies are awaited, new jobs and the removals riding with them leave in one write.
    this.client = withScripts(coalesceWrites(openRedis(settings.target, `rxfutures:${this.idPrefix}client`, ignore)));
    this.eventsClient = withScripts(openRedis(settings.target, `rxfutures:${this.idPrefix}events`, ignore));
    const keep = { age: Math.max(1, Math.ceil(settings.keepResultsMs / 1000)) };
    this.queue = new (bullmq().Queue)(settings.queue, {
      connection: this.client,
      prefix: settings.prefix,
      defaultJobOptions: { attempts: 1, removeOnComplete: keep, removeOnFail: keep },
    });
    this.queue.on('error', ignore);
    this.watch = new ConnectionWatch([this.client, this.eventsClient], settings.connectionTimeout, {
      reconnected: () => this.reconcile([...this.jobs.values()]),
      expired: (cause) => this.lose(cause),
    });
    void this.start();
  }

  override submit<A extends unknown[], R>(fn: Task<A, R>, ...args: A): QueueFuture<Awaited<R>> {
    return this.submitWith(undefined, fn, ...args);
  }

  override submitWith<A extends unknown[], R>(options: SubmitOptions | undefined, fn: Task<A, R>, ...args: A): QueueFuture<Awaited<R>> {
    const future = super.submitWith(options, fn, ...args) as QueueFuture<Awaited<R>>;
    // A signal aborted before the call settles the future without a job; it still gets an id of its own.
    if (future.jobId === undefined) setJobId(future, this.newJobId());
    return future;
  }

  /**
   * A future for a job submitted earlier, by this or another process (say, before a restart): it settles with the
   * job's outcome, at once if the job has finished already. If the job is no longer in Redis (its result was read
   * and removed, or `keepResultsMs` passed), it fails with `JobLostError`.
   *
   * @example
   * ```ts
   * const id = ex.submit(hash, 'text').jobId; // saved somewhere; the process restarts
   * const again = new QueueExecutor({ queue: 'render' }).futureOf(id);
   * console.log(await again);
   * ```
   * @throws TypeError for an id that is not a non-empty string; as `submit` after shutdown or when broken.
   */
  futureOf<T = unknown>(jobId: string): QueueFuture<T> {
    if (typeof jobId !== 'string' || jobId === '') throw new TypeError(`futureOf() needs a job id; received ${describe(jobId)}`);
    this.checkOpen();
    const known = this.jobs.get(jobId);
    if (known !== undefined && known.phase !== DRAINING) return known.item.future as QueueFuture<T>;
    const future = new Future<T>();
    setJobId(future, jobId);
    const tracked = new TrackedJob(new WorkItem(future as Future<unknown>, attachedTask, [], undefined, ONE_CALL), jobId, undefined);
    tracked.phase = QUEUED;
    this.track(tracked);
    this.jobs.set(jobId, tracked);
    this.inRedis++;
    if (this.ready) this.reconcile([tracked]);
    return future as QueueFuture<T>;
  }

  // ---- Executor hooks -------------------------------------------------------------------------------------------

  protected enqueue(item: WorkItem): void {
    const jobId = this.newJobId();
    setJobId(item.future, jobId);
    let built;
    try {
      built = buildJob(item, jobId, this.settings);
    } catch (error) {
      if (!(error instanceof SerializationError)) throw error;
      this.finishItem(item, true, error);
      return;
    }
    const tracked = new TrackedJob(item, jobId, built);
    this.track(tracked);
    this.waiting.push(tracked);
    this.scheduleFlush();
  }

  /**
   * Without `retryIf` (and without `maxDelay`, which BullMQ's backoff lacks), a task's retries are BullMQ's own: one job
   * with `attempts` and `backoff`; each attempt's start comes as an event, and each failed attempt with attempts left
   * as another that puts the future back to pending (so `cancel()` works during the backoff). With `retryIf`, the
   * submitter decides: each attempt is a job of its own.
   */
  protected override retriesNatively(options: SubmitOptions): boolean {
    return bullRetries(options);
  }

  protected takePending(): WorkItem[] {
    const items: WorkItem[] = [];
    for (const tracked of this.waiting.drain()) if (!tracked.item.future.done()) items.push(tracked.item);
    for (const tracked of this.jobs.values()) {
      if ((tracked.phase === SENDING || tracked.phase === QUEUED) && tracked.item.future.state === 'PENDING') items.push(tracked.item);
    }
    return items;
  }

  protected *runningItems(): Iterable<WorkItem> {
    for (const tracked of this.jobs.values()) if (tracked.item.future.running()) yield tracked.item;
  }

  /** The future is failed already; its done callback (`settled`) tells the worker to stop. */
  protected abortRunning(): void {}

  /** Jobs still open, or writes to Redis under way (the last result removals among them). */
  protected hasWork(): boolean {
    return this.open > 0 || this.writes > 0;
  }

  /** The connections close once the work has ended after `shutdown()`. */
  protected override releaseResources(): void {
    this.disconnect();
  }

  // ---- sending ---------------------------------------------------------------------------------------------------

  private async start(): Promise<void> {
    let position: [string, number];
    try {
      position = await this.client.rxfEventPosition(this.keys.events);
    } catch {
      return; // closed before Redis was reached: the ConnectionWatch or shutdown settles everything
    }
    if (this.disconnected) return;
    this.reader = new EventReader(this.eventsClient, this.keys.events, { id: position[0], added: position[1] }, {
      events: (batch) => this.onEvents(batch),
      gap: () => this.reconcile([...this.jobs.values()]),
    }, this.client);
    void this.reader.start();
    this.ready = true;
    const attached = [...this.jobs.values()].filter((tracked) => tracked.phase === QUEUED);
    if (attached.length > 0) this.reconcile(attached);
    this.scheduleFlush();
  }

  private newJobId(): string {
    return this.idPrefix + (this.nextId++).toString(36);
  }

  private track(tracked: TrackedJob): void {
    this.open++;
    tracked.item.future.addDoneCallback(() => this.settled(tracked));
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.disconnected) return;
    if (this.removals.length >= BATCH) this.sendRemovals();
    else if (this.removals.length > 0) this.scheduleRemovals();
    if (!this.ready) return;
    const batch: TrackedJob[] = [];
    while (this.inRedis < this.maxWorkers && this.waiting.length > 0) {
      const tracked = this.waiting.shift()!;
      if (tracked.item.future.done()) continue;
      tracked.phase = SENDING;
      this.jobs.set(tracked.jobId, tracked);
      this.inRedis++;
      batch.push(tracked);
    }
    if (batch.length === 0) return;
    this.send(batch);
    // Removals waiting for their timer go after the jobs (in the same write when the connection is busy, see
    // coalesceWrites): BullMQ sends the jobs a few microtasks from now, and Redis runs the new jobs first.
    if (this.removals.length > 0) process.nextTick(() => this.removalsAfterJobs());
  }

  private removalsAfterJobs(): void {
    if (!this.disconnected && this.removals.length > 0) this.sendRemovals();
  }

  private send(batch: TrackedJob[]): void {
    const jobs = batch.map((tracked) => {
      const { name, data } = tracked.built!;
      tracked.built = undefined;
      const priority = tracked.item.options?.priority; // BullMQ's range too: 1 is its highest, no priority goes first
      const retries = bullAttempts(tracked.item.options);
      return { name, data, opts: { jobId: tracked.jobId, ...(priority === undefined ? {} : { priority }), ...retries } };
    });
    const added = () => {
      for (const tracked of batch) {
        if (tracked.phase === SENDING) tracked.phase = QUEUED;
        if (tracked.stopAfterAdd) this.stop(tracked);
      }
    };
    const refused = (error: unknown) => {
      for (const tracked of batch) {
        if (tracked.phase === SENDING) tracked.phase = QUEUED;
        if (!tracked.item.future.done()) this.finishItem(tracked.item, true, error);
      }
    };
    // ioredis does not resend a transaction cut by a dropped connection; adding again is safe (the ids are ours, and
    // BullMQ ignores an id it has), so the batch goes again once the connection is back, until the executor breaks.
    // One job (a sequential round trip) goes as one script call: `addBulk` would build an ioredis pipeline for it,
    // which copies every script BullMQ defines, for the same command.
    const one = jobs.length === 1 ? jobs[0]! : undefined;
    const attempt = (): Promise<void> =>
      (one === undefined ? this.queue.addBulk(jobs) : this.queue.add(one.name, one.data, one.opts)).then(added, async (error: unknown) => {
        if (this.disconnected || this.isBroken || !lostConnection(error, this.watch.connected)) return refused(error);
        await new Promise((resolve) => setTimeout(resolve, 100));
        return attempt();
      });
    this.write(attempt());
  }

  private scheduleRemovals(): void {
    if (this.removalTimer !== undefined) return;
    this.removalTimer = setTimeout(() => {
      this.removalTimer = undefined;
      if (!this.disconnected && this.removals.length > 0) this.sendRemovals();
    }, REMOVAL_DELAY_MS);
  }

  private sendRemovals(): void {
    if (this.removalTimer !== undefined) clearTimeout(this.removalTimer);
    this.removalTimer = undefined;
    const ids = this.removals;
    this.removals = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const chunk = ids.slice(i, i + BATCH);
      this.write(this.client.rxfRemoveSettled(this.keys.completed, this.keys.failed, this.keys.base, ...chunk));
    }
  }

  /** Keeps count of a write to Redis, so that shutdown waits for it; its failure is left to the ConnectionWatch. */
  private write(promise: Promise<unknown>): void {
    this.writes++;
    promise
      .catch(() => undefined)
      .finally(() => {
        this.writes--;
        this.checkIdle();
      });
  }

  // ---- outcomes --------------------------------------------------------------------------------------------------

  /** A future is settled, whoever settled it: clean up its job in Redis and free its place in the window. */
  private settled(tracked: TrackedJob): void {
    this.open--;
    const phase = tracked.phase;
    if (phase === SENDING || phase === QUEUED) this.inRedis--;
    if (phase === WAITING || this.disconnected || this.isBroken) {
      tracked.phase = DONE;
      this.jobs.delete(tracked.jobId);
    } else if (tracked.fromRedis) {
      tracked.phase = DONE;
      this.jobs.delete(tracked.jobId);
      this.removals.push(tracked.jobId);
    } else if (phase === SENDING) {
      tracked.stopAfterAdd = true;
      tracked.phase = DRAINING;
    } else if (phase === QUEUED) {
      this.stop(tracked);
    }
    this.scheduleFlush();
    this.checkIdle();
  }

  /**
   * The future was settled here (cancelled, aborted, timed out) while its job is in Redis. Not started: the cancel
   * mark keeps every worker from starting it, and the job is removed if no worker holds it. Started: the workers
   * are told to stop it. Either way the job is removed once it ends.
   */
  private stop(tracked: TrackedJob): void {
    tracked.phase = DRAINING;
    if (this.disconnected) return;
    const { jobId } = tracked;
    const abort = () => this.write(this.client.publish(this.keys.control, JSON.stringify(['abort', jobId])));
    if (tracked.started) {
      abort();
      return;
    }
    this.write(
      this.client.rxfCancelJob(this.keys.job(jobId)).then(async (verdict) => {
        if (verdict === 0) abort();
        else if (verdict < 0 || (await this.queue.remove(jobId)) === 1) this.forget(jobId);
      }),
    );
  }

  /** A job that was stopped has ended: remove it. */
  private forget(jobId: string, remove = false): void {
    const tracked = this.jobs.get(jobId);
    if (tracked === undefined || tracked.phase !== DRAINING) return;
    tracked.phase = DONE;
    this.jobs.delete(jobId);
    if (remove) {
      this.removals.push(jobId);
      this.scheduleFlush();
    }
  }

  private onEvents(batch: QueueEvent[]): void {
    for (const { event, jobId, detail } of batch) {
      const tracked = this.jobs.get(jobId);
      if (tracked === undefined) continue;
      if (event === STARTED_EVENT) this.started(tracked, detail);
      else if (event === RETRY_EVENT) this.retrying(tracked);
      else if (event === 'completed') this.ended(tracked, () => completed(jobId, detail, this.check));
      else if (event === 'failed') this.failed(tracked, detail);
      else if (event === 'removed') this.ended(tracked, () => ({ kind: 'lost' }));
      else if (event === 'progress') this.progressed(tracked, detail);
    }
  }

  /** A worker (named `worker`) started the job. */
  private started(tracked: TrackedJob, worker?: string): void {
    if (tracked.phase === DRAINING || tracked.phase === DONE) return;
    tracked.started = true;
    const item = tracked.item;
    if (item.future.state !== 'PENDING' || !this.startItem(item, worker)) return;
    // BullMQ's attempts: the worker times each attempt out, and a timeout is retried like any failure; a timer here
    // would end the whole run at the first attempt's timeout.
    if (item.options?.retries !== undefined && item.timer !== undefined) {
      clearTimeout(item.timer);
      item.timer = undefined;
    }
  }

  /** An attempt of a job BullMQ retries failed: its future waits (and may be cancelled) until the next one starts. */
  private retrying(tracked: TrackedJob): void {
    if (tracked.phase !== QUEUED || tracked.item.future.state !== 'RUNNING') return;
    tracked.started = false;
    tracked.item.future._setAborter(undefined);
    tracked.item.future._requeue();
  }

  /** A worker wrote the job's progress: hand the value to the future, if it is still the job's and not settled. */
  private progressed(tracked: TrackedJob, data: string | undefined): void {
    if ((tracked.phase !== QUEUED && tracked.phase !== SENDING) || tracked.item.future.done() || data === undefined) return;
    const value = progressOf(tracked.jobId, data, this.check);
    if (value !== undefined) reportItemProgress(tracked.item, value.value);
  }

  private failed(tracked: TrackedJob, reason: string | undefined): void {
    if (tracked.phase === DRAINING) {
      this.forget(tracked.jobId, true);
      return;
    }
    void this.client.hmget(this.keys.job(tracked.jobId), 'rxe', 'stc', 'rxw', 'atm').then(
      ([rxe, stc, rxw, atm]) => {
        // BullMQ's attempts: a start event missed (a gap) still counts; the job's hash knows how many ran.
        const future = tracked.item.future;
        if (tracked.item.options?.retries !== undefined && Number(atm) > future._attempts) future._attempts = Number(atm);
        this.ended(tracked, () => ({ kind: 'done', failed: true, value: failureOf(tracked.jobId, { rxe, stc, rxw, failedReason: reason }, this.check) }));
      },
      () => undefined, // the connection broke; the reconcile after the reconnect reads it again
    );
  }

  /** The job ended in Redis (or is gone): settle its future once. */
  private ended(tracked: TrackedJob, outcome: () => JobOutcome): void {
    if (tracked.phase === DRAINING) {
      this.forget(tracked.jobId, true);
      return;
    }
    if (tracked.phase === DONE || tracked.item.future.done()) return;
    this.apply(tracked, outcome());
  }

  private apply(tracked: TrackedJob, outcome: JobOutcome): void {
    if (tracked.phase === DRAINING) {
      if (outcome.kind !== 'pending') this.forget(tracked.jobId, outcome.kind === 'done');
      return;
    }
    if (tracked.phase === DONE || tracked.item.future.done()) return;
    if (outcome.kind === 'pending') {
      if (outcome.running) this.started(tracked);
      else if (tracked.item.options?.retries !== undefined) this.retrying(tracked); // its retry event was missed
      return;
    }
    if (outcome.kind === 'lost') {
      this.finishItem(tracked.item, true, jobLost(tracked.jobId, 'Redis lost it, or it was removed'));
      return;
    }
    tracked.fromRedis = true;
    this.finishItem(tracked.item, outcome.failed, outcome.value);
  }

  /** Reads the state of every job given straight from Redis and settles those that ended or are gone. */
  private reconcile(candidates: TrackedJob[]): void {
    if (this.disconnected || !this.ready) return;
    const jobs = candidates.filter((tracked) => tracked.phase === QUEUED || tracked.phase === DRAINING);
    for (let i = 0; i < jobs.length; i += BATCH) {
      const chunk = jobs.slice(i, i + BATCH);
      const pipeline = this.client.pipeline();
      for (const tracked of chunk) pipeline.hmget(this.keys.job(tracked.jobId), ...OUTCOME_FIELDS);
      this.write(
        pipeline.exec().then((replies) => {
          replies?.forEach(([error, fields], index) => {
            if (error === null) this.apply(chunk[index]!, outcomeOf(chunk[index]!.jobId, fields as (string | null)[], this.check));
          });
        }),
      );
    }
  }

  // ---- faults and shutdown ---------------------------------------------------------------------------------------

  /** Redis stayed out of reach for longer than `connectionTimeout`: fail everything pending, hold nothing open. */
  private lose(cause: unknown): void {
    const reason = cause instanceof Error ? `: ${cause.message}` : '';
    this.breakExecutor(
      new QueueConnectionError(
        `Redis at ${this.settings.target.label} was unreachable for longer than connectionTimeout ` +
          `(${this.settings.connectionTimeout} ms)${reason}; jobs already in Redis are left there`,
        { cause },
      ),
    );
    for (const tracked of [...this.jobs.values()]) {
      if (!tracked.item.future.done()) this.finishItem(tracked.item, true, this.brokenError());
    }
    this.disconnect();
  }

  /** Once shut down with no job open, the results still to remove go first, so Redis keeps none of them. */
  protected override checkIdle(): void {
    if (this.isShutdown && this.open === 0 && this.removals.length > 0 && !this.disconnected) this.sendRemovals();
    super.checkIdle();
  }

  private disconnect(): void {
    if (this.disconnected) return;
    this.disconnected = true;
    if (this.removalTimer !== undefined) clearTimeout(this.removalTimer);
    this.removalTimer = undefined;
    this.watch.stop();
    this.reader?.stop();
    this.jobs.clear();
    void this.queue.close().catch(() => undefined);
    this.client.disconnect();
    this.eventsClient.disconnect();
  }
}

/** `true` for an error that says the connection dropped (the command may not have run), not that Redis refused it. */
function lostConnection(error: unknown, connected: boolean): boolean {
  if (!connected) return true;
  const { name = '', message = '' } = (error ?? {}) as { name?: string; message?: string };
  return name === 'AbortError' || /connection (is )?clos|ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT/i.test(message);
}

function setJobId(future: Future<unknown>, jobId: string): void {
  Object.defineProperty(future, 'jobId', { value: jobId, enumerable: true });
}

