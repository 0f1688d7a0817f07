import type { Future } from '../Future';
import { IterableObservable } from '../IterableObservable';
import { InvalidStateError } from '../errors/InvalidStateError';
import { ARGUMENT_LISTS, SINGLE_ARGUMENTS, type ChunkOfCalls } from '../tasks/callShapes';
import { MapEngine } from '../internal/MapEngine';

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

type Waiter<R> = { resolve: (result: IteratorResult<R>) => void; reject: (error: unknown) => void };

/**
 * One call of `Executor.map`: zips the inputs, submits tasks (all at once, or with `buffersize` one more each time
 * the reader starts on the next result), and hands the results out in input order through a {@link MapEngine}. The
 * Observable side takes them as fast as they come; the async iterator, one `next()` at a time. A failure or a timeout
 * cancels the tasks not yet started, as does the reader leaving early.
 */
export class MapRun<R> {
  readonly results: IterableObservable<R>;
  private readonly inputs: Iterator<unknown>[];
  private readonly engine: MapEngine<R>;
  private exhausted = false;
  private claimed = false;
  private stopped = false;

  constructor(
    private readonly submitOne: (args: unknown[]) => Future<unknown>,
    private readonly submitChunk: (calls: unknown[], shape: ChunkOfCalls) => Future<unknown[]>,
    iterables: Iterable<unknown>[],
    private readonly settings: Settings,
  ) {
    const { timeout, chunksize, buffersize } = settings;
    this.engine = new MapEngine<R>({
      ordered: true,
      chunked: chunksize > 1,
      generator: true,
      onTake: buffersize === undefined ? undefined : () => void this.submitNext(),
      timeout: timeout === undefined ? undefined : { ms: timeout, start: performance.now() },
    });
    this.inputs = iterables.map((iterable) => iterable[Symbol.iterator]());
    const ahead = buffersize ?? Infinity;
    try {
      for (let i = 0; i < ahead && this.submitNext(); i++);
    } catch (error) {
      this.cancelAll();
      throw error;
    }
    this.results = new IterableObservable<R>(
      (subscriber) => {
        this.claim();
        this.engine.open({
          next: (value) => subscriber.next(value),
          error: (error) => {
            this.cancelAll();
            subscriber.error(error);
          },
          complete: () => subscriber.complete(),
        });
        return () => this.cancelAll();
      },
      () => {
        this.claim();
        return this.iterate();
      },
    );
  }

  private claim(): void {
    if (this.claimed) {
      throw new InvalidStateError('the results of map() can be read once; call map() again for a second reading');
    }
    this.claimed = true;
  }

  /**
   * The `for await` face: each `next()` takes a value the engine delivered, or asks it for one more result. Several
   * `next()` calls may wait at once (the protocol allows it); they are answered in the order they were made.
   */
  private iterate(): AsyncIterator<R> {
    /** Values delivered that no `next()` has asked for yet (the rest of a chunk), read from `index` on. */
    let rest: readonly R[] = [];
    let index = 0;
    /** `next()` calls waiting, oldest first: one at a time in a `for await` loop, so a plain array. */
    const waiters: Waiter<R>[] = [];
    let end: { error: unknown } | 'done' | undefined;
    const take = (): IteratorResult<R> => {
      const value = rest[index++] as R;
      if (index === rest.length) {
        rest = [];
        index = 0;
      }
      return { value, done: false };
    };
    const keep = (values: readonly R[]) => {
      rest = index < rest.length ? [...rest.slice(index), ...values] : values;
      index = 0;
    };
    const answer = () => {
      for (let waiter; (waiter = waiters[0]) !== undefined; waiters.shift()) {
        if (index < rest.length) waiter.resolve(take());
        else if (end === 'done') waiter.resolve({ value: undefined, done: true });
        else if (end !== undefined) {
          waiter.reject(end.error);
          end = 'done'; // later calls end the iteration, as after a generator threw
        } else return;
      }
    };
    this.engine.open(
      {
        next: (value) => {
          // A waiting reader takes the value at once; only what no one has asked for yet is kept.
          if (index === rest.length && waiters.length > 0) waiters.shift()!.resolve({ value, done: false });
          else keep([value]);
        },
        chunk: (values) => {
          keep(values);
          answer();
        },
        error: (error) => {
          end = { error };
          this.cancelAll();
          answer();
        },
        complete: () => {
          end = 'done';
          answer();
        },
      },
      () => waiters.length > 0,
    );
    return {
      next: () => {
        if (index < rest.length) return Promise.resolve(take());
        return new Promise((resolve, reject) => {
          waiters.push({ resolve, reject });
          this.engine.pull();
          answer();
        });
      },
      return: () => {
        this.cancelAll();
        rest = [];
        index = 0;
        end ??= 'done';
        answer();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  /** Submits the next task (one argument list, or a chunk); `false` once the inputs are exhausted. */
  private submitNext(): boolean {
    if (this.exhausted || this.stopped) return false;
    let future: Future<unknown> | undefined;
    if (this.settings.chunksize === 1) {
      const args = this.nextArgs();
      if (args !== undefined) future = this.submitOne(args);
    } else {
      const single = this.inputs.length === 1;
      const chunk = single ? this.nextValues() : this.nextArgLists();
      if (chunk.length > 0) future = this.submitChunk(chunk, single ? SINGLE_ARGUMENTS : ARGUMENT_LISTS);
    }
    if (future !== undefined) this.engine.add(future);
    if (this.exhausted) this.engine.seal();
    return future !== undefined;
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
    const inputs = this.inputs;
    // Made at its full length (an empty array would grow to room for 17 on its first push).
    const args = new Array<unknown>(inputs.length);
    for (let i = 0; i < inputs.length; i++) {
      const step = inputs[i]!.next();
      if (step.done) {
        this.exhausted = true;
        return undefined;
      }
      args[i] = step.value;
    }
    return args;
  }

  /** The reader is gone, or the map failed: no more tasks, and those not started are cancelled. */
  private cancelAll(): void {
    this.stopped = true;
    for (const future of this.engine.close()) future.cancel();
  }
}
