/** One job waiting for its start gate's verdict. */
interface Waiting {
  readonly jobId: string;
  readonly resolve: (verdict: number) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * A worker's start gates (see `rxfStartJobs`), gathered: the gates asked for in one tick (the jobs of one read of
 * Redis's replies, say) go to Redis in one script call at the end of that tick, which decides each job's gate
 * atomically with its cancel, as one call per job did. Nothing waits longer than its tick.
 *
 * @example
 * ```ts
 * const gates = new StartGates((ids) => redis.rxfStartJobs(ids.length + 1, events, ...keysOf(ids), name, ...ids));
 * const verdict = await gates.pass('job-1'); // -1 gone, 0 cancelled (do not run it), 1 go
 * ```
 */
export class StartGates {
  private waiting: Waiting[] = [];

  constructor(
    /** Sends the gates of these jobs and resolves with their verdicts, in the same order. */
    private readonly send: (jobIds: string[]) => Promise<readonly number[]>,
  ) {}

  /**
   * The verdict of `jobId`'s start gate: -1 the job is gone, 0 it was cancelled, 1 it may start (and is marked so).
   * With `now`, the gates asked for so far in this tick leave at once rather than at its end (this one among them).
   */
  pass(jobId: string, now = false): Promise<number> {
    const verdict = new Promise<number>((resolve, reject) => {
      if (this.waiting.push({ jobId, resolve, reject }) === 1 && !now) process.nextTick(() => this.flush());
    });
    if (now) this.flush();
    return verdict;
  }

  private flush(): void {
    const batch = this.waiting;
    if (batch.length === 0) return; // sent already, by a pass(id, true)
    this.waiting = [];
    let sent: Promise<readonly number[]>;
    try {
      sent = this.send(batch.map((gate) => gate.jobId));
    } catch (error) {
      sent = Promise.reject(error);
    }
    sent.then(
      (verdicts) => {
        for (let i = 0; i < batch.length; i++) batch[i]!.resolve(Number(verdicts[i]));
      },
      (error: unknown) => {
        for (const gate of batch) gate.reject(error);
      },
    );
  }
}
