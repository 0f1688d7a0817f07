/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * The helpers esbuild (and so tsx, Vitest and most bundlers) inserts into the code it compiles, for inline tasks
 * compiled by it: esbuild has no runtime package, so they are written here, to the calling conventions of esbuild's
 * output (`__name(fn, "name")`, `__async(this, args, function* () {...})`, `yield new __await(promise)` in an async
 * generator, ...). Keyed by the helper's name.
 */

type Generator = { next(v?: unknown): IteratorResult<unknown>; throw(e: unknown): IteratorResult<unknown>; return(v?: unknown): IteratorResult<unknown> };
type AnyObject = Record<PropertyKey, any>;

function fail(message: string): never {
  throw new TypeError(message);
}

const symbolOf = (name: 'asyncIterator' | 'iterator'): symbol => Symbol[name] ?? Symbol.for(`Symbol.${name}`);

function checkMember(obj: object, member: WeakMap<object, unknown> | WeakSet<object>, what: string): void {
  if (!member.has(obj)) fail(`Cannot ${what}`);
}

function defineField(obj: AnyObject, key: PropertyKey, value: unknown): unknown {
  if (key in obj) Object.defineProperty(obj, key, { value, enumerable: true, configurable: true, writable: true });
  else obj[key] = value;
  return value;
}

/** A value awaited inside a lowered async generator (`yield new __await(promise)`); `star` marks a `yield*` step. */
function Await(this: AnyObject, promise: unknown, star?: number): void {
  this[0] = promise;
  this[1] = star;
}

/** Drives a generator lowered from an `async function`: each yielded value is awaited and sent back in. */
function runAsync(self: unknown, args: unknown, body: (...a: unknown[]) => Generator): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const generator = body.apply(self, (args ?? []) as unknown[]);
    const step = (method: 'next' | 'throw', value?: unknown): void => {
      let result: IteratorResult<unknown>;
      try {
        result = generator[method](value);
      } catch (error) {
        reject(error);
        return;
      }
      if (result.done) resolve(result.value);
      else Promise.resolve(result.value).then((v) => step('next', v), (e: unknown) => step('throw', e));
    };
    step('next');
  });
}

/**
 * An async generator lowered to a generator: `yield new __await(p)` awaits `p` (for `yield*`, `p` gives an
 * iterator result of the inner generator), any other `yield` hands a value to the consumer. Calls are served in order.
 */
function asyncGenerator(self: unknown, args: unknown, body: (...a: unknown[]) => Generator): AsyncIterableIterator<unknown> {
  const generator = body.apply(self, (args ?? []) as unknown[]);
  let queue: Promise<unknown> = Promise.resolve();
  const resume = (method: 'next' | 'throw' | 'return', input: unknown, done: (r: IteratorResult<unknown>) => void, failed: (e: unknown) => void): void => {
    let result: IteratorResult<unknown>;
    try {
      result = generator[method](input);
    } catch (error) {
      failed(error);
      return;
    }
    const awaited = result.value instanceof (Await as unknown as new () => AnyObject) ? (result.value as AnyObject) : undefined;
    Promise.resolve(awaited === undefined ? result.value : awaited[0]).then(
      (value: any) => {
        if (awaited === undefined) done({ value, done: result.done === true });
        else resume(method === 'return' ? 'return' : 'next', awaited[1] ? { done: value.done, value: value.value } : value, done, failed);
      },
      (error: unknown) => resume('throw', error, done, failed),
    );
  };
  const call = (method: 'next' | 'throw' | 'return') => (input?: unknown) => {
    const result = queue.then(() => new Promise<IteratorResult<unknown>>((done, failed) => resume(method, input, done, failed)));
    queue = result.catch(() => undefined);
    return result;
  };
  const iterator: AnyObject = { next: call('next'), throw: call('throw'), return: call('return') };
  iterator[symbolOf('asyncIterator')] = () => iterator;
  return iterator as AsyncIterableIterator<unknown>;
}

/** `yield*` in a lowered async generator: steps through the inner (async or sync) iterable. */
function yieldStar(value: AnyObject): Iterator<unknown> & AnyObject {
  const asyncMethod = value[symbolOf('asyncIterator')];
  const adapter: AnyObject = {};
  adapter[symbolOf('iterator')] = () => adapter;
  if (asyncMethod == null) {
    const inner = value[symbolOf('iterator')]();
    for (const key of ['next', 'throw', 'return']) if (key in inner || key === 'next') adapter[key] = (x: unknown) => inner[key](x);
    adapter.throw ??= (x: unknown) => fail(String(x));
    return adapter as Iterator<unknown> & AnyObject;
  }
  const inner = asyncMethod.call(value);
  let waiting = false;
  const step = (key: string) => (input: unknown) => {
    if (waiting) {
      waiting = false;
      if (key === 'throw') throw input;
      return input;
    }
    waiting = true;
    const next = new Promise((resolve) => {
      const result = inner[key](input);
      if (!(result instanceof Object)) fail('Object expected');
      resolve(result);
    });
    return { done: false, value: new (Await as unknown as new (p: unknown, star: number) => AnyObject)(next, 1) };
  };
  adapter.next = step('next');
  adapter.throw = 'throw' in inner ? step('throw') : (x: unknown) => { throw x; };
  if ('return' in inner) adapter.return = step('return');
  return adapter as Iterator<unknown> & AnyObject;
}

/** `for await` over a value: its async iterator, or its sync iterator with each value awaited. */
function forAwait(obj: AnyObject): AsyncIterator<unknown> {
  const asyncMethod = obj[symbolOf('asyncIterator')];
  if (asyncMethod != null) return asyncMethod.call(obj);
  const inner = obj[symbolOf('iterator')]();
  const wrap = (key: 'next' | 'return') => (input?: unknown) =>
    new Promise<IteratorResult<unknown>>((resolve, reject) => {
      const result = inner[key](input);
      Promise.resolve(result.value).then((value) => resolve({ value, done: result.done }), reject);
    });
  const iterator: AnyObject = { next: wrap('next') };
  if (typeof inner.return === 'function') iterator.return = wrap('return');
  return iterator as AsyncIterator<unknown>;
}

/** Object rest: a copy of `source` without the `exclude`d keys. */
function objectRest(source: AnyObject, exclude: PropertyKey[]): AnyObject {
  const target: AnyObject = {};
  for (const key of Reflect.ownKeys(source)) {
    if (!exclude.includes(key) && Object.prototype.propertyIsEnumerable.call(source, key)) target[key] = source[key];
  }
  return target;
}

/** esbuild's `__toESM`: a CommonJS module seen as an ES module namespace (`default` is `module.exports`). */
function toESM(mod: any, isNodeMode?: number): any {
  if (mod == null) return mod;
  const target: AnyObject = Object.create(mod !== null && typeof mod === 'object' ? Object.getPrototypeOf(mod) : null);
  if (isNodeMode || !mod.__esModule) Object.defineProperty(target, 'default', { value: mod, enumerable: true });
  for (const key of Object.getOwnPropertyNames(mod)) {
    if (key !== 'default' || !('default' in target)) Object.defineProperty(target, key, { get: () => mod[key], enumerable: true });
  }
  return target;
}

export const esbuildHelpers: Readonly<Record<string, unknown>> = {
  __name: (target: object, value: string) => Object.defineProperty(target, 'name', { value, configurable: true }),
  __publicField: (obj: AnyObject, key: PropertyKey, value: unknown) => defineField(obj, typeof key === 'symbol' ? key : `${String(key)}`, value),
  __defNormalProp: defineField,
  __privateAdd: (obj: object, member: WeakMap<object, unknown> | WeakSet<object>, value?: unknown) => {
    if (member.has(obj)) fail('Cannot add the same private member more than once');
    if (member instanceof WeakSet) member.add(obj);
    else member.set(obj, value);
  },
  __privateGet: (obj: object, member: WeakMap<object, unknown>, getter?: () => unknown) => {
    checkMember(obj, member, 'read from private field');
    return getter ? getter.call(obj) : member.get(obj);
  },
  __privateSet: (obj: object, member: WeakMap<object, unknown>, value: unknown, setter?: (v: unknown) => void) => {
    checkMember(obj, member, 'write to private field');
    if (setter) setter.call(obj, value);
    else member.set(obj, value);
    return value;
  },
  __privateMethod: (obj: object, member: WeakSet<object>, method: unknown) => {
    checkMember(obj, member, 'access private method');
    return method;
  },
  __privateIn: (member: WeakMap<object, unknown> | WeakSet<object>, obj: unknown) => {
    if (Object(obj) !== obj) fail('Cannot use the "in" operator on this value');
    return member.has(obj as object);
  },
  __spreadValues: (target: AnyObject, source: AnyObject) => {
    for (const key of Reflect.ownKeys(source ?? {})) {
      if (Object.prototype.propertyIsEnumerable.call(source, key)) defineField(target, key, source[key]);
    }
    return target;
  },
  __spreadProps: (target: object, source: object) => Object.defineProperties(target, Object.getOwnPropertyDescriptors(source)),
  __objRest: objectRest,
  __restKey: (key: unknown) => (typeof key === 'symbol' ? key : `${String(key)}`),
  __async: runAsync,
  __await: Await,
  __asyncGenerator: asyncGenerator,
  __yieldStar: yieldStar,
  __forAwait: forAwait,
  __template: (cooked: string[], raw?: string[]) => Object.freeze(Object.defineProperty(cooked, 'raw', { value: Object.freeze(raw ?? cooked.slice()) })),
  __pow: Math.pow,
  __toESM: toESM,
  __knownSymbol: (name: string) => (Symbol as unknown as AnyObject)[name] ?? Symbol.for(`Symbol.${name}`),
  __typeError: fail,
};
