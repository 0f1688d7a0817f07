import { CancelledError } from '../errors/CancelledError';
import type { Future } from '../Future';
import { watchAbort } from '../internal/watchAbort';
import type { RetryPolicy } from './retryPolicy';

/** What a {@link RetryRun} needs from its executor. */
export interface RetryHost {
  /** Submits one attempt as an ordinary task (even after `shutdown()`: the work was accepted before); may throw. */
  submitAttempt(run: RetryRun): Future<unknown>;
  /** Aborts the running or queued attempt with `reason`, as a signal would. */
  abortAttempt(attempt: Future<unknown>, reason: unknown): void;
  /** `false` once no new attempt may start (a shutdown cancelled the pending work). */
  mayRetry(): boolean;
  /** The run is over: its future is settled. */
  ended(run: RetryRun): void;
}

/**
 * One task submitted with `retries`: the user's future, and the attempts that run the task for it. Each attempt is an
 * ordinary task with its own future, so the executor's transport needs to know nothing about retries, and a late
 * answer of an aborted attempt can never reach the user's future. The user's future runs while an attempt runs, and
 * goes back to `PENDING` between attempts (while the attempt is queued, or during the backoff wait), where `cancel()`
 * stops the run. A failure is retried while attempts remain and `retryIf` agrees; a cancellation or an abort is not.
 *
 * @example
 * ```ts
 * const run = new RetryRun(future, retryPolicy(options), host);
 * run.start(options.signal); // first attempt now; the next ones after each failure and its backoff
 * ```
 */
export class RetryRun {
  private attempt: Future<unknown> | undefined = undefined;
  private timer: NodeJS.Timeout | undefined = undefined;
  /** Attempts submitted so far: the retry budget counts these (a transport may settle one it never reported started). */
  private submitted = 0;

  constructor(
    /** The user's future: settled once, with the last attempt's outcome. */
    readonly future: Future<unknown>,
    private readonly policy: RetryPolicy,
    private readonly host: RetryHost,
  ) {}

  /** Starts the first attempt, unless `signal` is aborted already; an abort later stops the run. */
  start(signal: AbortSignal | undefined): void {
    const future = this.future;
    if (signal !== undefined) {
      if (signal.aborted) {
        future.setException(signal.reason);
        this.host.ended(this);
        return;
      }
      future._listen(watchAbort(signal, () => this.abort(signal.reason)));
    }
    future._listen(() => this.onSettled());
    this.next();
  }

  /** An attempt started running: so does the user's future. */
  attemptStarted(): void {
    const future = this.future;
    if (future.done()) return;
    future._attempts++;
    future.setRunningOrNotifyCancel();
    future._setAborter(this);
  }

  /** @internal The user's future is aborted while an attempt runs (see `Future._abort`): as {@link RetryRun.abort}. */
  abortTask(reason: unknown): void {
    this.abort(reason);
  }

  /** Fails the user's future with `reason` and stops the attempt under way, if any; no attempt follows. */
  abort(reason: unknown): void {
    if (this.future.done()) return;
    this.future.setException(reason);
    const attempt = this.attempt;
    if (attempt !== undefined && !attempt.done()) this.host.abortAttempt(attempt, reason);
  }

  private next(): void {
    this.timer = undefined;
    if (this.future.done()) return;
    let attempt: Future<unknown>;
    try {
      attempt = this.host.submitAttempt(this);
    } catch (error) {
      this.future.setException(error); // the executor broke meanwhile
      return;
    }
    this.attempt = attempt;
    this.submitted++;
    if (attempt.done()) this.attemptEnded(attempt);
    else attempt._listen(() => this.attemptEnded(attempt));
  }

  private attemptEnded(attempt: Future<unknown>): void {
    const future = this.future;
    if (future.done()) return;
    future._setAborter(undefined);
    if (attempt.cancelled()) {
      // Cancelled while queued (a shutdown's cancelFutures): so is the run.
      if (!future.cancel()) future.setException(new CancelledError('the attempt was cancelled'));
      return;
    }
    // A queue may report a job's end without its start (the event was missed): it ran all the same.
    if (future._attempts < this.submitted) future._attempts = this.submitted;
    const value = attempt._settledValue();
    if (!attempt._hasFailed()) future.setResult(value);
    else if (this.shouldRetry(value)) this.retry();
  }

  /** Whether to run again after a failure with `error`; fails the user's future if not. */
  private shouldRetry(error: unknown): boolean {
    const future = this.future;
    let again = this.submitted <= this.policy.retries && !(error instanceof CancelledError) && this.host.mayRetry();
    if (again && this.policy.retryIf !== undefined) {
      try {
        again = this.policy.retryIf(error, future._attempts) !== false;
      } catch (thrown) {
        future.setException(thrown);
        return false;
      }
    }
    if (!again) future.setException(error);
    return again;
  }

  private retry(): void {
    this.future._requeue();
    const delay = this.policy.delay(this.future._attempts);
    // Not at once even without a delay: the failed attempt is being settled inside the executor's transport.
    if (delay > 0) this.timer = setTimeout(() => this.next(), delay);
    else queueMicrotask(() => this.next());
  }

  /** The user's future is settled (its outcome, a cancel, an abort): stop waiting, drop a queued attempt. */
  private onSettled(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    const attempt = this.attempt;
    if (attempt !== undefined && attempt.state === 'PENDING') attempt.cancel();
    this.host.ended(this);
  }
}
