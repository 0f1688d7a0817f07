import { isProxy } from 'node:util/types';

/**
 * The most objects and arrays a value may hold to be sent as JSON: each is checked against those before it (v8 keeps
 * an object met twice as one object, JSON would make two copies), so the check stays cheap. Bigger values go the
 * v8 way, which is the faster one for them anyway.
 */
const MOST_OBJECTS = 64;

/**
 * The JSON text of `value` if JSON carries it exactly as Node's v8 serialization would (what `JSON.parse` gives back
 * equals what `v8.deserialize` would), else `undefined`. Exact means: strings, booleans, null, finite numbers other
 * than -0 (JSON has no NaN, Infinity or -0), and arrays and objects made of those, where
 * - an array has the prototype `Array.prototype`, no holes, no `undefined` (JSON writes `null`) and no property
 *   beside its elements (v8 keeps those, JSON drops them);
 * - an object has the prototype `Object.prototype`, no `undefined` value (JSON drops the key) and no own
 *   `__proto__` key;
 * - no object or array is met twice (shared or cyclic references keep their identity through v8, not through JSON),
 *   and there are at most {@link MOST_OBJECTS} of them.
 *
 * Anything else (Map, Set, Date, BigInt, typed arrays, errors, class instances, functions, symbols) is left to v8.
 * Each property is read once, as v8 reads it: the text is built in the same pass as the check (only strings go through
 * `JSON.stringify`, which asks no `toJSON` of a string).
 *
 * @example
 * ```ts
 * plainJson([1, 'a', { b: true }]); // '[1,"a",{"b":true}]'
 * plainJson([new Date(0)]);          // undefined: v8 keeps the Date
 * ```
 */
export function plainJson(value: unknown): string | undefined {
  return write(value, []);
}

function write(value: unknown, seen: object[]): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? String(value) : undefined;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (isProxy(value)) return undefined; // v8 refuses a proxy: so must this
      if (seen.length >= MOST_OBJECTS || seen.includes(value)) return undefined;
      seen.push(value);
      return Array.isArray(value) ? writeArray(value, seen) : writeObject(value as Record<string, unknown>, seen);
    default:
      return undefined; // undefined, bigint, symbol, function
  }
}

function writeArray(array: unknown[], seen: object[]): string | undefined {
  if (Object.getPrototypeOf(array) !== Array.prototype) return undefined;
  const length = array.length;
  let text = '[';
  for (let i = 0; i < length; i++) {
    const item = array[i];
    const part = item === undefined ? undefined : write(item, seen); // a hole reads as undefined too
    if (part === undefined) return undefined;
    text += i === 0 ? part : `,${part}`;
  }
  // Without holes, the own enumerable keys are the indexes alone unless named properties were added.
  if (Object.keys(array).length !== length) return undefined;
  return `${text}]`;
}

function writeObject(object: Record<string, unknown>, seen: object[]): string | undefined {
  if (Object.getPrototypeOf(object) !== Object.prototype) return undefined;
  let text = '{';
  for (const key of Object.keys(object)) {
    if (key === '__proto__') return undefined;
    const item = object[key];
    const part = item === undefined ? undefined : write(item, seen);
    if (part === undefined) return undefined;
    text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${part}`;
  }
  return `${text}}`;
}
