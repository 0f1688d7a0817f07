import { deserialize, serialize } from 'node:v8';
import { completed, UNSEALED } from '../../src/queue/jobOutcome';
import { plainJson } from '../../src/queue/plainJson';
import { SerializationError } from '../../src/queue/executorSurface';
import { decodeValue, encodeValue } from '../../src/queue/valueCodec';

/** What the process pool (v8) makes of a value: the fidelity the queue must keep. */
const throughV8 = (value: unknown) => deserialize(serialize(value));
/**
 * `true` if `a` and `b` are the same value to the process pool, whatever realm each was made in (Jest's or Node's):
 * the same types, -0 apart from 0, holes apart from undefined, the same own keys in the same order, and the same
 * sharing (an object met twice in `a` is one object met twice in `b`, cycles included).
 */
function same(a: unknown, b: unknown, pairs = new Map<object, object>()): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (pairs.has(a)) return pairs.get(a) === b;
  pairs.set(a, b);
  const tag = Object.prototype.toString.call(a);
  if (tag !== Object.prototype.toString.call(b)) return false;
  if ((Object.getPrototypeOf(a) === null) !== (Object.getPrototypeOf(b) === null)) return false;
  if (a instanceof Date || tag === '[object Date]') return (a as Date).getTime() === (b as Date).getTime();
  if (tag === '[object RegExp]') return String(a) === String(b);
  if (ArrayBuffer.isView(a)) return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from((b as ArrayBufferView).buffer, (b as ArrayBufferView).byteOffset, (b as ArrayBufferView).byteLength));
  if (tag === '[object Map]' || tag === '[object Set]') {
    const left = [...(a as Map<unknown, unknown>).entries()];
    const right = [...(b as Map<unknown, unknown>).entries()];
    return left.length === right.length && left.every((entry, i) => same(entry, right[i], pairs));
  }
  const keys = Object.keys(a);
  const other = Object.keys(b);
  if (keys.length !== other.length || keys.some((key, i) => key !== other[i])) return false;
  if (Array.isArray(a) && (a.length !== (b as unknown[]).length)) return false;
  return keys.every((key) => same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], pairs));
}

const viaJson = (text: string) => !text.startsWith('/');

describe('valueCodec: JSON for plain values, v8 for the rest, the same values either way', () => {
  const plain: [string, unknown][] = [
    ['a number argument list', [42]],
    ['strings, with escapes and a lone surrogate', ['a"b\\c\n', '\ud800', 'é€😀', '']],
    ['booleans and null', [true, false, null]],
    ['numbers at the edges of exact text', [0, -1.5, 1e21, 5e-324, Number.MAX_SAFE_INTEGER + 2, 0.1 + 0.2]],
    ['nested arrays and objects', [{ id: 1, values: [1, 2, { deep: ['x'] }] }, [[], {}]]],
    ['integer-like keys, whose order the engine fixes', { b: 1, 2: 'two', a: 2, 1: 'one' }],
    ['a chunk of 256 numbers', Array.from({ length: 256 }, (_, i) => i * 3)],
  ];

  it.each(plain)('%s: sent as JSON, read back equal to what v8 gives', (_name, value) => {
    const text = encodeValue(value);
    expect(viaJson(text)).toBe(true);
    expect(same(decodeValue(text), throughV8(value))).toBe(true);
  });

  const shared = { x: 1 };
  const cyclic: Record<string, unknown> = { name: 'loop' };
  cyclic.self = cyclic;
  const withNamed = Object.assign([1, 2], { extra: 'kept' });
  // eslint-disable-next-line no-sparse-arrays
  const sparse = [1, , 3];
  const nullProto = Object.assign(Object.create(null), { a: 1 });
  class Point {
    constructor(readonly x: number) {}
  }
  const ownProto = JSON.parse('{"__proto__": 1, "a": 2}');
  const special: [string, unknown, (back: unknown) => void][] = [
    ['-0', [-0], (back) => expect(Object.is((back as number[])[0], -0)).toBe(true)],
    ['NaN and Infinity', [NaN, Infinity, -Infinity], (back) => expect(back).toEqual([NaN, Infinity, -Infinity])],
    ['undefined, alone and in an object and an array', [undefined, { u: undefined }, [undefined]], (back) => {
      const [alone, object, array] = back as [unknown, object, unknown[]];
      expect(alone).toBeUndefined();
      expect('u' in object).toBe(true);
      expect(array.length === 1 && 0 in array).toBe(true);
    }],
    ['a sparse array', sparse, (back) => expect(1 in (back as unknown[])).toBe(false)],
    ['an array with a named property', withNamed, (back) => expect((back as unknown as { extra: string }).extra).toBe('kept')],
    ['an object met twice, which stays one object', [shared, shared], (back) => {
      const [a, b] = back as object[];
      expect(a).toBe(b);
    }],
    ['a cycle', cyclic, (back) => expect((back as { self: unknown }).self).toBe(back)],
    ['Map, Set, Date, BigInt, RegExp', [new Map([[1n, new Date(0)]]), new Set(['s']), /r/g, 10n], (back) => {
      const [map, set, regexp, big] = back as [Map<bigint, Date>, Set<string>, RegExp, bigint];
      expect(map.get(1n)).toEqual(new Date(0));
      expect(set.has('s')).toBe(true);
      expect(regexp.flags).toBe('g');
      expect(big).toBe(10n);
    }],
    ['typed arrays and Buffers', [new Uint8Array([1, 2]), new Float64Array([0.5]), Buffer.from('hi')], (back) => {
      const [bytes, floats, buffer] = back as [Uint8Array, Float64Array, Uint8Array];
      expect(Object.prototype.toString.call(bytes)).toBe('[object Uint8Array]');
      expect(Object.prototype.toString.call(floats)).toBe('[object Float64Array]');
      expect(Buffer.from(buffer).toString()).toBe('hi');
    }],
    ['a class instance, which v8 sends as a plain object', [new Point(3)], (back) => expect((back as object[])[0]).toEqual({ x: 3 })],
    ['an object without a prototype', [nullProto], (back) => expect((back as object[])[0]).toEqual({ a: 1 })],
    ['an own __proto__ key', ownProto, (back) => expect(Object.keys(back as object)).toEqual(['__proto__', 'a'])],
    ['more objects than the JSON check takes', Array.from({ length: 100 }, (_, i) => ({ i })), (back) => expect((back as object[])[99]).toEqual({ i: 99 })],
  ];

  it.each(special)('%s: sent through v8, exactly as the process pool would', (_name, value, check) => {
    const text = encodeValue(value);
    expect(viaJson(text)).toBe(false);
    const back = decodeValue(text);
    check(back);
    expect(same(back, throughV8(value))).toBe(true);
  });

  it('reads each property once, as v8 does, and refuses what v8 refuses (a proxy, a function)', () => {
    let reads = 0;
    const counted = {
      get value() {
        reads++;
        return 7;
      },
    };
    expect(decodeValue(encodeValue([counted]))).toEqual([{ value: 7 }]);
    expect(reads).toBe(1);
    expect(() => encodeValue([new Proxy({ a: 1 }, {})])).toThrow(SerializationError);
    expect(() => encodeValue([() => 1])).toThrow(SerializationError);
    expect(plainJson([new Proxy([1], {})])).toBeUndefined();
  });

  it('still reads values written as v8 text (by workers and clients of the earlier format)', () => {
    expect(decodeValue(serialize([1, 'a']).toString('base64'))).toEqual([1, 'a']);
  });

  it('an executor without a secret strips only real seals: a JSON string with a dot at 64 stays whole', () => {
    const value = `${'x'.repeat(63)}.tail`;
    const text = encodeValue(value);
    expect(text[64]).toBe('.');
    expect(UNSEALED('job', 'value', text)).toBe(text);
    expect(completed('job', JSON.stringify(text))).toEqual({ kind: 'done', failed: false, value });
    const sealed = `${'ab'.repeat(32)}.${text}`;
    expect(UNSEALED('job', 'value', sealed)).toBe(text);
  });
});
