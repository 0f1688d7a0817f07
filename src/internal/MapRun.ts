import type { Future } from '../Future';
import { IterableObservable } from '../IterableObservable';
import { InvalidStateError } from '../errors/InvalidStateError';
import { TimeoutError } from '../errors/TimeoutError';
import { ARGUMENT_LISTS, SINGLE_ARGUMENTS, type ChunkOfCalls } from '../executors/WorkItem';
import { Deque } from './Deque';

/**
 * Options of `Executor.map`, given as its last argument. Times are in milliseconds.
 *
 * @example
 * ```ts
 * executor.map(square, numbers, { timeout: 10_000, chunksize: 256, buffersize: 1024 });
 * ```
 */
export interface MapOptions {
  /** Milliseconds from the call of `map` until the results still missing raise {@link TimeoutError}. @default no limit */
  timeout?: number;
  /** How many argument lists one task carries to a worker (fewer messages for small tasks). @default 1 */
  chunksize?: number;
  /** Submit at most this many tasks ahead of the consumer (Python 3.14), so an endless iterable works. @default all at once */
  buffersize?: number;
}

interface Settings {
  timeout: number | undefined;
  chunksize: number;
  buffersize: number | undefined;
  /**
   * Takes a value pulled for a chunk (or with `list`, an argument list) as its task will see it, at the pull: a
   * chunk is submitted once it is full, and the iterable may change a value it yielded meanwhile.
   */
  take: (value: unknown, list: boolean) => unknown;
}

/**
 * One call of `Executor.map`: zips the inputs, submits tasks (all at once or `buffersize` ahead), and hands the
 * results out in input order through a pull-based iterator, which the Observable side drives as fast as it emits.
 */
export class MapRun<R> {
  readonly results: IterableObservable<R>;
  private readonly inputs: Iterator<unknown>[];
  private readonly futures = new Deque<Future<unknown>>();
  private readonly deadline: number | undefined;
  private chunkValues: unknown[] = [];
  private chunkIndex = 0;
  private exhausted = false;
  private claimed = false;
  private closed = false;
  /** The last `next()` handed out: calls made at once are answered one after another, in call order. */
  private previous: Promise<unknown> = Promise.resolve();
  /** Calls to `next()` not yet answered. */
  private waiting = 0;

  constructor(
    private readonly submitOne: (args: unknown[]) => Future<unknown>,
    private readonly submitChunk: (calls: unknown[], shape: ChunkOfCalls) => Future<unknown[]>,
    iterables: Iterable<unknown>[],
    private readonly settings: Settings,
  ) {
    this.deadline = settings.timeout === undefined ? undefined : performance.now() + settings.timeout;
    this.inputs = iterables.map((iterable) => iterable[Symbol.iterator]());
    const ahead = settings.buffersize ?? Infinity;
    try {
      for (let i = 0; i < ahead && this.submitNext(); i++);
    } catch (error) {
      this.cancelAll();
      throw error;
    }
    this.results = new IterableObservable<R>(
      (subscriber) => {
        const iterator = this.claim();
        const step = (): void => {
          iterator.next().then(
            (result) => {
              if (subscriber.closed) return;
              if (result.done) subscriber.complete();
              else {
                subscriber.next(result.value);
                // The rest of a chunk is here already: emit it now rather than a promise round trip per value.
                while (!subscriber.closed && this.chunkIndex < this.chunkValues.length) {
                  subscriber.next(this.take().value);
                }
                step();
              }
            },
            (error: unknown) => subscriber.error(error),
          );
        };
        step();
        return () => void iterator.return?.();
      },
      () => this.claim(),
    );
  }

  private claim(): AsyncIterator<R> {
    if (this.claimed) {
      throw new InvalidStateError('the results of map() can be read once; call map() again for a second reading');
    }
    this.claimed = true;
    return {
      next: () => {
        // Fast path: a value of the current chunk is ready and no earlier call is waiting.
        if (this.waiting === 0 && this.chunkIndex < this.chunkValues.length) return Promise.resolve(this.take());
        // The protocol lets a reader call next() again before the last call settled; taking results in turns keeps a
        // chunk's values together and in order.
        this.waiting++;
        const result = this.previous.then(() => this.next());
        const answered = () => void this.waiting--;
        this.previous = result.then(answered, answered);
        return result;
      },
      return: () => {
        this.cancelAll();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  private async next(): Promise<IteratorResult<R>> {
    if (this.chunkIndex < this.chunkValues.length) return this.take();
    const future = this.futures.shift();
    if (future === undefined || this.closed) {
      this.closed = true;
      return { value: undefined, done: true };
    }
    try {
      if (this.settings.buffersize !== undefined) this.submitNext();
      const value = await this.result(future);
      if (this.settings.chunksize === 1) return { value: value as R, done: false };
      this.chunkValues = value as unknown[];
      this.chunkIndex = 0;
      return this.next();
    } catch (error) {
      future.cancel();
      this.cancelAll();
      throw error;
    }
  }

  /**
   * The future's value, within what is left of the `timeout` given to `map`. A wait that runs out says so in terms of
   * that timeout (the time left would mean nothing to the caller).
   */
  private async result(future: Future<unknown>): Promise<unknown> {
    if (this.deadline === undefined) return future.result();
    try {
      return await future.result(Math.max(0, this.deadline - performance.now()));
    } catch (error: unknown) {
      // A future that is still not done is the wait timing out; a done one failed on its own (even with a TimeoutError).
      if (future.done()) throw error;
      const limit = this.settings.timeout;
      throw new TimeoutError(`map() timeout of ${limit} ms passed (counted from the call of map()) before the next result was ready`);
    }
  }

  private take(): IteratorResult<R> {
    const value = this.chunkValues[this.chunkIndex++] as R;
    if (this.chunkIndex === this.chunkValues.length) this.chunkValues = [];
    return { value, done: false };
  }

  /** Submits the next task (one argument list, or a chunk); `false` once the inputs are exhausted. */
  private submitNext(): boolean {
    if (this.exhausted || this.closed) return false;
    if (this.settings.chunksize === 1) {
      const args = this.nextArgs();
      if (args === undefined) return false;
      this.futures.push(this.submitOne(args));
      return true;
    }
    const chunk = this.inputs.length === 1 ? this.nextValues() : this.nextArgLists();
    if (chunk.length === 0) return false;
    this.futures.push(this.submitChunk(chunk, this.inputs.length === 1 ? SINGLE_ARGUMENTS : ARGUMENT_LISTS));
    return true;
  }

  /** Up to `chunksize` argument lists, for a chunk. */
  private nextArgLists(): unknown[] {
    const chunk: unknown[] = [];
    const { chunksize, take } = this.settings;
    for (let args; chunk.length < chunksize && (args = this.nextArgs()) !== undefined; ) chunk.push(take(args, true));
    return chunk;
  }

  /** Up to `chunksize` values of the only input, for a chunk of one-argument calls (no list per call). */
  private nextValues(): unknown[] {
    const values: unknown[] = [];
    const input = this.inputs[0]!;
    const { chunksize, take } = this.settings;
    while (values.length < chunksize) {
      const step = input.next();
      if (step.done) {
        this.exhausted = true;
        break;
      }
      values.push(take(step.value, false));
    }
    return values;
  }

  /** The next zipped argument list, or `undefined` when the shortest input ends. */
  private nextArgs(): unknown[] | undefined {
    const args: unknown[] = [];
    for (const input of this.inputs) {
      const step = input.next();
      if (step.done) {
        this.exhausted = true;
        return undefined;
      }
      args.push(step.value);
    }
    return args;
  }

  private cancelAll(): void {
    this.closed = true;
    this.chunkValues = [];
    for (let future; (future = this.futures.shift()) !== undefined; ) future.cancel();
  }
}
