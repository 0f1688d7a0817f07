/**
 * Row 3: whatever a task throws or rejects with reaches the caller faithfully: class name, message, own properties,
 * the cause chain and the worker's stack (the remote traceback); non-errors pass through as they are.
 */
import { poolKinds, reliabilitySuite, WAIT_MS } from './harness';

describe.each(poolKinds)('$name row 3: error fidelity', (kind) => {
  const h = reliabilitySuite();
  const pool = () => h.shared(kind, { maxWorkers: 1 });

  it('an Error subclass with custom properties keeps its name, message, properties and remote stack', async () => {
    const error = (await pool()
      .submit(function validateOrder() {
        class ValidationError extends Error {
          override name = 'ValidationError';
          code = 'E_INVALID';
          status = 422;
          fields = { quantity: ['must be > 0'] };
        }
        throw new ValidationError('order rejected');
      })
      .exception(WAIT_MS)) as Error & { code: string; status: number; fields: object };
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ValidationError');
    expect(error.message).toBe('order rejected');
    expect(error).toMatchObject({ code: 'E_INVALID', status: 422, fields: { quantity: ['must be > 0'] } });
    expect(error.stack).toContain('validateOrder');
    expect(error.stack).toMatch(/^ValidationError: order rejected/);
  });

  it('standard classes come back as themselves', async () => {
    const classes = await Promise.all(
      ['TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'URIError', 'EvalError'].map((name) =>
        pool()
          .submit((n: string) => {
            throw new (globalThis as unknown as Record<string, ErrorConstructor>)[n]('x');
          }, name)
          .exception(WAIT_MS),
      ),
    );
    expect(classes.map((e) => (e as Error).constructor)).toEqual([TypeError, RangeError, SyntaxError, ReferenceError, URIError, EvalError]);
  });

  it.each([
    ['a string', 'text'],
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a plain object', { reason: 'nope', code: 7 }],
  ])('throw %s reaches the caller as that value, and the future is FINISHED', async (_, value) => {
    const future = pool().submit((v: unknown) => {
      throw v;
    }, value);
    await expect(future.exception(WAIT_MS)).resolves.toEqual(value);
    expect(future.state).toBe('FINISHED');
    await expect(future.result(WAIT_MS)).rejects.toEqual(value);
  });

  it('a cause chain three deep arrives whole, each link with its class and message', async () => {
    const error = (await pool()
      .submit(() => {
        const root = new RangeError('disk full');
        const middle = new TypeError('write failed', { cause: root });
        throw new Error('save failed', { cause: middle });
      })
      .exception(WAIT_MS)) as Error;
    const chain: Array<[unknown, string]> = [];
    for (let link: unknown = error; link instanceof Error; link = link.cause) chain.push([link.constructor, link.message]);
    expect(chain).toEqual([
      [Error, 'save failed'],
      [TypeError, 'write failed'],
      [RangeError, 'disk full'],
    ]);
  });

  it('a non-Error cause and a cause that cannot be cloned arrive as values / strings', async () => {
    const error = (await pool()
      .submit(() => {
        const e = new Error('outer', { cause: { code: 9 } }) as Error & { callback?: unknown };
        e.callback = function notSendable() {};
        throw e;
      })
      .exception(WAIT_MS)) as Error & { callback: unknown };
    expect(error.cause).toEqual({ code: 9 });
    expect(typeof error.callback).toBe('string');
  });

  it('a rejected promise of an Error subclass arrives like a thrown one, with the async stack', async () => {
    const error = (await pool()
      .submit(async function fetchRemote() {
        await new Promise((resolve) => setTimeout(resolve, 1));
        const e = new Error('ECONNREFUSED') as Error & { errno: number };
        e.name = 'NetworkError';
        e.errno = -111;
        throw e;
      })
      .exception(WAIT_MS)) as Error & { errno: number };
    expect(error.name).toBe('NetworkError');
    expect(error.errno).toBe(-111);
    expect(error.stack).toContain('fetchRemote');
  });

  it('a rejection with a string or undefined passes through', async () => {
    await expect(pool().submit(() => Promise.reject('plain')).exception(WAIT_MS)).resolves.toBe('plain');
    const future = pool().submit(() => Promise.reject(undefined));
    await expect(future.exception(WAIT_MS)).resolves.toBeUndefined();
    expect(future.state).toBe('FINISHED');
  });

  it('an AggregateError keeps its name, message and errors, each error with its own class, properties, cause and stack', async () => {
    const error = (await pool()
      .submit(async function fetchAll() {
        const attempt = async (url: string) => {
          const e = new TypeError(`fetch failed: ${url}`, { cause: new RangeError('port out of range') }) as TypeError & { url: string };
          e.url = url;
          throw e;
        };
        await Promise.any([attempt('http://a'), attempt('http://b')]);
      })
      .exception(WAIT_MS)) as AggregateError;
    expect(error).toBeInstanceOf(AggregateError);
    expect(error.name).toBe('AggregateError');
    expect(error.message).toBe('All promises were rejected');
    expect(error.errors).toHaveLength(2);
    error.errors.forEach((inner: TypeError & { url: string; cause: unknown }, i: number) => {
      expect(inner).toBeInstanceOf(TypeError);
      expect(inner.message).toBe(`fetch failed: http://${'ab'[i]}`);
      expect(inner.url).toBe(`http://${'ab'[i]}`);
      expect(inner.cause).toBeInstanceOf(RangeError);
      expect(inner.stack).toContain('attempt');
    });
    // As on the worker, `errors` is not an enumerable property.
    expect(Object.keys(error)).not.toContain('errors');
  });

  it('aggregates nest, in errors and in causes, and a subclass keeps its name and stays an AggregateError', async () => {
    const error = (await pool()
      .submit(() => {
        class ValidationErrors extends AggregateError {
          override name = 'ValidationErrors';
        }
        const inner = new AggregateError([new Error('deep')], 'inner', { cause: new AggregateError([new URIError('u')], 'why') });
        throw new ValidationErrors([inner, 'not an error', { code: 7 }], 'outer');
      })
      .exception(WAIT_MS)) as AggregateError;
    expect(error).toBeInstanceOf(AggregateError);
    expect(error.name).toBe('ValidationErrors');
    const [inner, text, object] = error.errors as [AggregateError, string, object];
    expect(inner).toBeInstanceOf(AggregateError);
    expect((inner.errors[0] as Error).message).toBe('deep');
    expect(((inner.cause as AggregateError).errors[0] as Error)).toBeInstanceOf(URIError);
    expect(text).toBe('not an error');
    expect(object).toEqual({ code: 7 });
  });

  it('circular and shared errors arrive as circular and shared, and a very deep chain is cut, not a crash', async () => {
    const error = (await pool()
      .submit(() => {
        const shared = new Error('shared');
        const loop = new AggregateError([shared, shared], 'loop');
        loop.errors.push(loop);
        (loop as Error).cause = loop;
        let deep: Error = new Error('bottom');
        for (let i = 0; i < 100; i++) deep = new Error(`level ${i}`, { cause: deep });
        throw new AggregateError([loop, deep], 'top');
      })
      .exception(WAIT_MS)) as AggregateError;
    const [loop, deep] = error.errors as [AggregateError, Error];
    expect(loop.errors[0]).toBe(loop.errors[1]);
    expect(loop.errors[2]).toBe(loop);
    expect(loop.cause).toBe(loop);
    let depth = 0;
    for (let link: unknown = deep; link instanceof Error; link = link.cause) depth++;
    expect(depth).toBeGreaterThan(10);
    expect(depth).toBeLessThan(100);
  });

  it('every failing task of 50 fails alone; the worker keeps its identity', async () => {
    const id = await pool().submit(kind.workerId).result(WAIT_MS);
    const futures = Array.from({ length: 50 }, (_, i) =>
      pool().submit((n: number) => {
        if (n % 3 === 0) throw new RangeError(`bad ${n}`);
        return n;
      }, i),
    );
    const outcomes = await Promise.all(futures.map((f) => f.result(WAIT_MS).then((v) => v, (e: Error) => e.message)));
    expect(outcomes).toEqual(Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? `bad ${i}` : i)));
    await expect(pool().submit(kind.workerId).result(WAIT_MS)).resolves.toBe(id);
  });
});
