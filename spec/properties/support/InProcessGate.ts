/** The error a gated task fails with: one object per failure, compared by identity. */
export class TaskFailure extends Error {
  constructor(readonly id: number) {
    super(`task ${id} failed`);
    this.name = 'TaskFailure';
  }
}

/**
 * Tasks the test completes by hand: `task(id)` records that it started and waits until the test calls
 * `complete(id, value)` or `fail(id, error)`. For executors that run tasks in this process.
 */
export class InProcessGate {
  /** Ids of the tasks that started, in start order. */
  readonly started: number[] = [];
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();

  readonly task = (id: number): Promise<unknown> =>
    new Promise((resolve, reject) => {
      this.started.push(id);
      this.waiting.set(id, { resolve, reject });
    });

  complete(id: number, value: unknown): void {
    this.take(id).resolve(value);
  }

  fail(id: number, error: unknown): void {
    this.take(id).reject(error);
  }

  /** Ends every task still waiting (with `undefined`), so nothing is left hanging after a failed case. */
  releaseAll(): void {
    for (const id of [...this.waiting.keys()]) this.complete(id, undefined);
  }

  private take(id: number) {
    const entry = this.waiting.get(id);
    if (entry === undefined) throw new Error(`task ${id} is not waiting at the gate`);
    this.waiting.delete(id);
    return entry;
  }
}
