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
 * The pool's record of one worker: the tasks it holds, in the order it will answer them, and its lifecycle (whether
 * it keeps the program alive, its idle timer, how many tasks it may hold).
 *
 * @example
 * ```ts
 * const worker = new PoolWorker('ThreadPoolExecutor-0_0');
 * worker.handle = startWorker(worker.name, events);
 * ```
 */
export class PoolWorker {
  /** Tasks sent and not yet answered, oldest first; the oldest is the one running. */
  readonly inflight = new Deque<WorkItem>();
  /** Task definitions this worker has received. */
  readonly known = new Set<number>();
  handle!: WorkerHandle;
  /** Tasks answered so far: the number the worker gives the oldest task in `inflight`. */
  answered = 0;
  /** Tasks taken, for `maxTasksPerChild`. */
  taken = 0;
  /** The initializer finished: the worker takes tasks. */
  ready = false;
  /** No new tasks: it stops once its tasks are answered (task limit, idle timeout, shutdown). */
  retiring = false;
  /** Its exit is intended (stopped, or killed by the pool), not a crash. */
  expectedExit = false;
  /** It holds a task with a signal or timeout, which may be stopped by killing it: nothing is queued behind it. */
  exclusive = false;
  /** Whether it currently keeps the program alive. */
  referenced = true;
  /** The last `'error'` the transport reported (an uncaught exception, out of memory), kept as the crash's cause. */
  lastError: unknown = undefined;
  /** Its idle timeout, or once it is stopping, the deadline after which it is killed. */
  idleTimer: NodeJS.Timeout | undefined = undefined;
  /**
   * How many tasks it may hold: 1 at first (a long task must not hold others back), doubled while it answers quickly,
   * up to the pool's batch size, and back to 1 after a slow answer.
   */
  window = 1;
  /** When it last became busy or answered (ms, `performance.now()`), to measure how fast it answers. */
  mark = 0;

  constructor(readonly name: string) {}

  /** Ready, not retiring, and holding no task. */
  get isIdle(): boolean {
    return this.ready && !this.retiring && this.inflight.length === 0;
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
        if (this.inflight.length === 0 && !this.retiring) expire();
      }, idleTimeout);
      this.idleTimer.unref();
    }
  }

  /** Asks it to exit (once), keeping the program alive until it has; one stuck in a stray loop is killed. */
  stop(): void {
    if (this.expectedExit) return;
    this.expectedExit = true;
    this.retiring = true;
    this.busy();
    this.handle.stop();
    this.idleTimer = setTimeout(() => this.handle.kill(), STOP_GRACE_MS);
  }

  /** Paces the window on an answer of `count` tasks: quick answers let it hold more, a slow one brings it to 1. */
  answeredAt(now: number, count: number): void {
    const quick = now - this.mark < QUICK_ANSWER_MS * count;
    this.window = quick ? Math.min(BATCH, this.window * 2) : 1;
    this.mark = now;
  }

  /** Cancels its idle timer or stop deadline. */
  clearTimer(): void {
    if (this.idleTimer !== undefined) {
      clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
    }
  }
}
