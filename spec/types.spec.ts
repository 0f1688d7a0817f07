/**
 * Type-level rules, checked by `tsc --noEmit` (run by `npm test` before jest): the types of `submit`, `map`,
 * `defer` and module tasks are inferred from the task, and wrong arguments do not compile. Each
 * `@ts-expect-error` line fails the type check if the call it marks ever becomes legal.
 */
import { expectTypeOf } from 'expect-type';
import { firstValueFrom, from, toArray, type Observable } from 'rxjs';
import { AsyncExecutor, Future, type IterableObservable, moduleTask, wait, asCompleted, type WaitResult } from '../src';
import { asCompleted as asCompletedOperator, waitFirst } from '../operators';

describe('types', () => {
  const executor = new AsyncExecutor({ maxWorkers: 1 });
  afterAll(() => executor.shutdown({ cancelFutures: true }));

  it('submit() infers the future type from the task, unwrapping promises', async () => {
    const cube = executor.submit((n: number) => n ** 3, 5);
    expectTypeOf(cube).toEqualTypeOf<Future<number>>();
    const text = executor.submit(async (n: number, unit: string) => `${n}${unit}`, 5, 'ms');
    expectTypeOf(text).toEqualTypeOf<Future<string>>();
    expectTypeOf(await text).toEqualTypeOf<string>();
    expect(await cube).toBe(125);
  });

  it('task options are typed: retries, backoff, retryIf, priority; a future has attempts and progress', async () => {
    const future = executor.submitWith(
      { retries: 2, backoff: { type: 'exponential', delay: 10, maxDelay: 100 }, retryIf: (error) => error instanceof RangeError, priority: 3 },
      (n: number) => n,
      1,
    );
    expectTypeOf(future.attempts).toEqualTypeOf<number>();
    expectTypeOf(future.progress).toEqualTypeOf<Observable<unknown>>();
    // @ts-expect-error backoff.type is 'fixed' or 'exponential'
    expect(() => executor.submitWith({ retries: 1, backoff: { type: 'linear', delay: 10 } }, (n: number) => n, 1)).toThrow(TypeError);
    // @ts-expect-error priority is a number
    expect(() => executor.submitWith({ priority: 'high' }, (n: number) => n, 1)).toThrow(TypeError);
    expect(await future).toBe(1);
  });

  it('submit() rejects wrong argument types and counts at compile time', () => {
    const typed = (n: number) => n;
    // @ts-expect-error a string is not a number
    void executor.submit(typed, 'five').cancel();
    // @ts-expect-error missing argument
    void executor.submit(typed).cancel();
    // @ts-expect-error one argument too many
    void executor.submit(typed, 1, 2).cancel();
    expect(true).toBe(true);
  });

  it('map() infers the element type and checks each iterable against its parameter', async () => {
    const lengths = executor.map((word: string, times: number) => word.length * times, ['a', 'bb'], [1, 2]);
    expectTypeOf(lengths).toEqualTypeOf<IterableObservable<number>>();
    expectTypeOf(lengths).toMatchTypeOf<Observable<number>>();
    expectTypeOf(lengths).toMatchTypeOf<AsyncIterable<number>>();
    const withOptions = executor.map(async (n: number) => String(n), [1, 2], { timeout: 100 });
    expectTypeOf(withOptions).toEqualTypeOf<IterableObservable<string>>();
    // @ts-expect-error the iterable's elements must match the parameter type
    executor.map((n: number) => n, ['x']);
    for await (const value of lengths) expectTypeOf(value).toBeNumber();
  });

  it('defer(), module tasks, wait() and asCompleted() keep the element type', () => {
    expectTypeOf(executor.defer((n: number) => [n], 1)).toEqualTypeOf<Observable<number[]>>();
    const hash = moduleTask<(text: string) => Promise<string>>('/abs/hash.js', 'hash');
    expectTypeOf(executor.submitWith).toBeFunction();
    const futures: Future<number>[] = [];
    expectTypeOf(wait(futures)).resolves.toEqualTypeOf<{ done: Set<Future<number>>; notDone: Set<Future<number>> }>();
    expectTypeOf(asCompleted(futures)).toEqualTypeOf<IterableObservable<Future<number>>>();
    // A typed module task checks its arguments like a function does (not run: the path is only for the types).
    const check = () => {
      expectTypeOf(executor.submit(hash, 'text')).toEqualTypeOf<Future<string>>();
      // @ts-expect-error the export takes a string
      executor.submit(hash, 42);
    };
    expect(typeof check).toBe('function');
  });

  it('wait(), asCompleted() and their operator forms take futures of different types, each keeping its own', async () => {
    const name = executor.submit(async () => 'ada');
    const count = executor.submit(() => 3);
    type Either = Future<string> | Future<number>;
    const mixed = [name, count];

    const waited = await wait(mixed);
    expectTypeOf(waited.done).toEqualTypeOf<Set<Either>>();
    expectTypeOf(waited).toMatchTypeOf<WaitResult<string | number, Either>>();
    for (const future of waited.done) expectTypeOf(await future).toEqualTypeOf<string | number>();

    const completed = asCompleted(mixed);
    expectTypeOf(completed).toEqualTypeOf<IterableObservable<Either>>();
    const viaOperator = from(mixed).pipe(asCompletedOperator(), toArray());
    expectTypeOf(viaOperator).toEqualTypeOf<Observable<Either[]>>();
    const first = from(mixed).pipe(waitFirst());
    expectTypeOf(first).toEqualTypeOf<Observable<Either>>();

    // Same-typed futures still give the plain types.
    const numbers: Future<number>[] = [count];
    expectTypeOf(wait(numbers)).resolves.toEqualTypeOf<WaitResult<number>>();
    // @ts-expect-error only futures are accepted (it throws a TypeError at run time too)
    expect(() => wait([name, 'not a future'])).toThrow(TypeError);

    expect(waited.done.size).toBe(2);
    expect(new Set(await firstValueFrom(viaOperator))).toEqual(new Set(mixed));
    const [winner] = await firstValueFrom(first.pipe(toArray())); // in an array: a Future is thenable, so a promise would unwrap it
    expect([name, count]).toContain(winner);
  });
});
