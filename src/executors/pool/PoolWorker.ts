import { Deque } from '../../internal/Deque';
import type { WorkItem } from '../WorkItem';
import type { WorkerHandle } from './WorkerHandle';

/**
 * Most tasks a worker holds when the queue is deep and tasks are quick: twice the results a worker sends in one
 * answer (64), so that it still has tasks to run while an answer travels back and the next tasks come to it.
 */
const BATCH = 128;
/** An answer that took less than this per task (ms) lets a worker hold more tasks; a slower one brings it back to one. */
const QUICK_ANSWER_MS = 0.5;
/** Milliseconds a stopping worker has to exit before it is killed. */
const STOP_GRACE_MS = 2000;

/**
 * Where a pool worker is in its life. It only moves forward:
 *
 * ```
 * starting ──► ready ──► retiring ──► exiting
 *     └────────────────────────────────▲
 * ```
 * - `starting`: spawned, its initializer not done yet; it takes no tasks.
 * - `ready`: it takes tasks.
 * - `retiring`: it takes no new tasks and is stopped once it has answered those it holds (its task limit was reached).
 * - `exiting`: its exit is intended (it was asked to stop, or the pool killed it): an exit now is not a crash.
 *
 * @example
 * ```ts
 * if (worker.phase === 'ready' && worker.holding === 0) dispatch(worker);
 * ```
 */
export type WorkerPhase = 'starting' | 'ready' | 'retiring' | 'exiting';

/**
 * The pool's record of one worker: its {@link WorkerPhase}, the tasks it holds in the order it will answer them, the
 * task numbers both sides use, the definitions it has received, and its pacing and idle timers. Only its methods
 * change it; the pool and the dispatcher tell it what happened (it accepted items, it answered one, it became ready,
 * it should retire, stop, or be killed, it exited) and read the rest.
 *
 * **Task numbers** live here alone. The worker numbers its tasks 0, 1, 2... in the order they were sent and answers
 * them in that order (see the protocol in `worker/protocol`), so the number of a held task is the count answered so
 * far plus its place among those held: {@link PoolWorker.taskNumber}.
 *
 * @example
 * ```ts
 * const worker = new PoolWorker('ThreadPoolExecutor-0_0');
 * worker.attach(startWorker(worker.name, events));
 * ```
 */
export class PoolWorker {
  /** Tasks sent and not yet answered, oldest first; the oldest is the one running. */
  private readonly inflight = new Deque<WorkItem>();
  /** Task definitions this worker has received. */
  private readonly known = new Set<number>();
  private current: WorkerPhase = 'starting';
  private transport: WorkerHandle | undefined = undefined;
  /** Tasks answered so far: the number the worker gives the oldest task held. */
  private answered = 0;
  private accepted = 0;
  private initializerDone = false;
  private alone = false;
  /** Whether it currently keeps the program alive. */
  private referenced = true;
  private error: unknown = undefined;
  /** Its idle timeout, or once it is stopping, the deadline after which it is killed. */
  private idleTimer: NodeJS.Timeout | undefined = undefined;
  private pace = 1;
  /** When it last became busy or answered (ms, `performance.now()`), to measure how fast it answers. */
  private mark = 0;

  constructor(readonly name: string) {}

  /** Where it is in its life. */
  get phase(): WorkerPhase {
    return this.current;
  }

  /** The transport to it (set once by {@link PoolWorker.attach}). */
  get handle(): WorkerHandle {
    return this.transport!;
  }

  /** Its initializer finished: it became ready once, whatever its phase now. */
  get initialized(): boolean {
    return this.initializerDone;
  }

  /** Tasks it has accepted over its life, for `maxTasksPerChild`. */
  get taken(): number {
    return this.accepted;
  }

  /**
   * How many tasks it may hold: 1 at first (a long task must not hold others back), doubled while it answers
   * quickly, up to the pool's batch size, and back to 1 after a slow answer.
   */
  get window(): number {
    return this.pace;
  }

  /** It holds a task that may be stopped by killing it (a signal, a timeout, a stream): nothing is queued behind it. */
  get exclusive(): boolean {
    return this.alone;
  }

  /** The last `'error'` the transport reported (an uncaught exception, out of memory), kept as a crash's cause. */
  get lastError(): unknown {
    return this.error;
  }

  /** How many tasks it holds (sent, not answered). */
  get holding(): number {
    return this.inflight.length;
  }

  /** The task it is running: the oldest it holds. */
  get oldest(): WorkItem | undefined {
    return this.inflight.at(0);
  }

  /** Ready, and holding no task. */
  get isIdle(): boolean {
    return this.current === 'ready' && this.inflight.length === 0;
  }

  /** The tasks it holds, oldest first. */
  *held(): Iterable<WorkItem> {
    for (let i = 0; i < this.inflight.length; i++) yield this.inflight.at(i)!;
  }

  /** Whether it holds `item`. */
  holds(item: WorkItem): boolean {
    return this.inflight.indexOf(item) >= 0;
  }

  /** The number the worker knows `item` by (see the class comment), or -1 if it does not hold it. */
  taskNumber(item: WorkItem): number {
    const position = this.inflight.indexOf(item);
    return position < 0 ? -1 : this.answered + position;
  }

  /** The task it holds under `number` (see the class comment), or `undefined` if it holds none by that number. */
  heldTask(number: number): WorkItem | undefined {
    return this.inflight.at(number - this.answered);
  }

  // ---- what happens to it ---------------------------------------------------------------------------------------

  /** Its transport started. */
  attach(handle: WorkerHandle): void {
    this.transport = handle;
  }

  /** The transport reported an error (the exit follows). */
  noteError(error: unknown): void {
    this.error = error;
  }

  /** Whether it has received the definition of task function `id`. */
  knows(id: number): boolean {
    return this.known.has(id);
  }

  /** It is being sent the definition of task function `id`. */
  learn(id: number): void {
    this.known.add(id);
  }

  /** The message that carried the definition of `id` could not be sent: it does not have it. */
  unlearn(id: number): void {
    this.known.delete(id);
  }

  /** Its initializer finished: it takes tasks (unless it was stopped meanwhile). */
  becomeReady(): void {
    this.initializerDone = true;
    if (this.current === 'starting') this.current = 'ready';
  }

  /**
   * It received `items` (in one message, in order). An `exclusive` item (one that may be stopped by killing the
   * worker) is sent alone, to a worker holding nothing. Reaching `maxTasks` retires it.
   */
  accept(items: readonly WorkItem[], exclusive: boolean, maxTasks: number | undefined): void {
    if (this.inflight.length === 0) {
      this.busy();
      this.mark = performance.now();
    }
    for (const item of items) this.inflight.push(item);
    this.alone = exclusive;
    this.accepted += items.length;
    if (maxTasks !== undefined && this.accepted >= maxTasks) this.retire();
  }

  /** Paces the window on an answer of `count` tasks: quick answers let it hold more, a slow one brings it to 1. */
  answeredAt(now: number, count: number): void {
    const quick = now - this.mark < QUICK_ANSWER_MS * count;
    this.pace = quick ? Math.min(BATCH, this.pace * 2) : 1;
    this.mark = now;
  }

  /** It answered its oldest task: returns that task (`undefined` if it holds none). */
  answer(): WorkItem | undefined {
    const item = this.inflight.shift();
    if (item === undefined) return undefined;
    this.answered++;
    if (this.inflight.length === 0) this.alone = false;
    return item;
  }

  /** It takes no new tasks; the pool stops it once it holds none. */
  retire(): void {
    if (this.current === 'ready') this.current = 'retiring';
  }

  /** Asks it to exit (once), keeping the program alive until it has; one stuck in a stray loop is killed. */
  stop(): void {
    if (this.current === 'exiting') return;
    this.current = 'exiting';
    this.busy();
    this.handle.stop();
    this.idleTimer = setTimeout(() => this.handle.kill(), STOP_GRACE_MS);
  }

  /** Kills it now (an abort it did not heed, or the pool broke); its exit is expected. */
  kill(): void {
    this.current = 'exiting';
    this.transport?.kill();
  }

  /** Removes and returns the tasks it holds (it exited, or the pool broke): they will never be answered. */
  takeHeld(): WorkItem[] {
    this.alone = false;
    return this.inflight.drain();
  }

  /** It was given work: it keeps the program alive, and its idle timeout is off. */
  busy(): void {
    this.clearTimer();
    if (!this.referenced) {
      this.referenced = true;
      this.handle.ref();
    }
  }

  /**
   * It has nothing to do: it lets the program exit, and with an `idleTimeout` calls `expire` once it has been idle
   * that long.
   */
  idle(idleTimeout: number | undefined, expire: () => void): void {
    if (this.referenced) {
      this.referenced = false;
      this.handle.unref();
    }
    if (idleTimeout !== undefined && this.idleTimer === undefined) {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = undefined;
        if (this.isIdle) expire();
      }, idleTimeout);
      this.idleTimer.unref();
    }
  }

  /** Cancels its idle timer or stop deadline. */
  clearTimer(): void {
    if (this.idleTimer !== undefined) {
      clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
    }
  }
}
