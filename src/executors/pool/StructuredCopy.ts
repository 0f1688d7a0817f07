import { types } from 'node:util';
import { POOLED_BUFFER, POOLED_CLASSES } from '../../worker/protocol';
import { ByteSlab } from './ByteSlab';
import type { CopyRules } from './CopyRules';
import { PooledBuffer, ROOT } from './PooledBuffer';
import { Refusal } from './Refusal';

const { getPrototypeOf, keys, defineProperty } = Object;
const slice = Array.prototype.slice;
const mapEntries = Map.prototype.entries;
const setValues = Set.prototype.values;
const getTime = Date.prototype.getTime;

type ViewClass = new (buffer: ArrayBufferLike, byteOffset?: number, length?: number) => ArrayBufferView;
/** The view classes a copy makes, by `Symbol.toStringTag` (a subclass arrives as its base class), and DataView. */
const VIEW_CLASSES = new Map<string | undefined, { Class: ViewClass; tag: number }>(
  POOLED_CLASSES.slice(1).map((name, i) => [name, { Class: globalThis[name] as unknown as ViewClass, tag: i + 1 }]),
);
const DATA_VIEW = VIEW_CLASSES.get('DataView')!;
/** Objects a copy remembers in a flat list before it makes a Map for the rest. */
const SEEN_IN_LIST = 8;

/** `true` for an ArrayBuffer whose bytes were transferred away (Node 20 has no `detached` property). */
function isDetached(buffer: ArrayBufferLike): boolean {
  if (buffer.byteLength > 0) return false;
  try {
    new Uint8Array(buffer);
    return false;
  } catch {
    return true;
  }
}

/** `true` for a resizable ArrayBuffer (ES2024, which this project's TypeScript lib predates). */
function isResizable(buffer: ArrayBufferLike): boolean {
  return (buffer as { resizable?: boolean }).resizable === true;
}

/**
 * `true` for a value a copy must descend into (an object), or leave to the transport (a function or symbol, which
 * no transport sends): everything but the primitives that travel as they are.
 *
 * @example
 * ```ts
 * isReference(42); // false
 * isReference({ id: 1 }); // true
 * ```
 */
export function isReference(value: unknown): boolean {
  return typeof value === 'object' ? value !== null : typeof value === 'function' || typeof value === 'symbol';
}

/**
 * One copy of a task's arguments as the transport would deliver them, taken when the task is submitted. Plain
 * objects, arrays, Map, Set, Date, RegExp, ArrayBuffers and typed arrays are copied here, in JavaScript, which costs a
 * fraction of a structured clone for the small values tasks usually get; anything else (class instances, errors,
 * boxed primitives, host objects) is handed to the transport's own copy ({@link CopyRules.exact}), as are the
 * values no transport can send (functions, symbols, proxies), whose error it throws. Shared and circular references
 * stay shared and circular.
 *
 * Buffers are copied once. Large ones get an ArrayBuffer of their own, listed in `moves` if the transport can move
 * it to the worker; mid-sized ones one lent by `rules.spares`, listed in `lent`. Small ones are copied into a slab:
 * the copy leaves `null` in their place and lists the place in `pooled`, for the worker to put the buffer back (see
 * `PooledMessage` in the worker protocol). Where the transport sends a view with its whole ArrayBuffer (threads),
 * that ArrayBuffer is pooled; where it sends a view's own bytes (child processes), the view is, and a small
 * ArrayBuffer too; so is a large one (see `CopyRules.bulkFrom`), in a slab of its own.
 *
 * One known difference from a structured clone: properties that are not indices on an array (a RegExp match's
 * `index`) are not copied, as finding them would cost every array a string per element.
 *
 * @example
 * ```ts
 * const copy = new StructuredCopy(rules);
 * const args = copy.list([{ id: 1 }, buffer]); // a deep copy; copy.moves and copy.pooled say what else it made
 * ```
 * @throws whatever the transport throws for a value it cannot send (a DataCloneError), an error thrown by a getter,
 * or a {@link Refusal}.
 */
export class StructuredCopy {
  /** ArrayBuffers this copy made, to move to the worker. */
  moves: ArrayBuffer[] | undefined = undefined;
  /** Buffers this copy was lent (see `CopyRules.lendBelow`), to give back once the task is answered. */
  lent: ArrayBuffer[] | undefined = undefined;
  /** `container, key, PooledBuffer` triples: where pooled buffers go back (`ROOT` for the value of `value()`). */
  pooled: unknown[] | undefined = undefined;
  /**
   * Copies made so far, by original, so shared and circular references stay so: the first two in fields (an object
   * and its array, a view and its buffer: most arguments hold no more, and need no list at all), the next few in a
   * flat list of `original, copy` pairs (a search of a few is quicker than making a Map for every task), the rest in
   * a Map.
   */
  private seen0: object | undefined = undefined;
  private copy0: unknown = undefined;
  private seen1: object | undefined = undefined;
  private copy1: unknown = undefined;
  private seenPairs: unknown[] | undefined = undefined;
  private seenMap: Map<object, unknown> | undefined = undefined;

  constructor(private readonly rules: CopyRules) {}

  /** A copy of one argument list, which the caller owns (the list itself is not remembered as seen). */
  list(args: readonly unknown[]): unknown[] {
    const copy = new Array<unknown>(args.length);
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      copy[i] = isReference(arg) ? this.at(i + 1, arg, copy, i) : arg;
    }
    return copy;
  }

  /** A copy of one value. */
  value(value: unknown): unknown {
    return isReference(value) ? this.at(1, value, ROOT, 0) : value;
  }

  /** Copies an argument, naming its position in a refusal. */
  private at(position: number, arg: unknown, container: object, key: number): unknown {
    try {
      return this.of(arg, container, key);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      throw new Refusal(`argument ${position} ${error.value === arg ? 'is' : 'holds'} ${error.reason}`, arg);
    }
  }

  /** A copy of `value`, which goes to `container[key]` (no container: a Map's or Set's entry). */
  private of(value: unknown, container?: object, key?: string | number): unknown {
    if (typeof value !== 'object' || value === null) return isReference(value) ? this.rules.exact(value) : value;
    const known = this.copyOf(value);
    if (known !== undefined) return known instanceof PooledBuffer ? this.place(known, container, key) : known;
    // A view is neither a proxy nor anything a transport refuses.
    if (ArrayBuffer.isView(value)) return this.view(value, container, key);
    if (types.isProxy(value)) return this.rules.exact(value);
    const refusal = this.rules.refuse(value);
    if (refusal !== undefined) throw new Refusal(refusal, value);
    const proto: unknown = getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) return this.plain(value as Record<string, unknown>);
    if (proto === Array.prototype) return this.array(value as unknown[]);
    // By what the object is, not by its prototype, as a structured clone (and any realm's objects) goes.
    if (types.isArrayBuffer(value)) {
      const copy = this.bufferCopy(value, undefined, container !== undefined);
      return copy instanceof PooledBuffer ? this.place(copy, container, key) : copy;
    }
    if (types.isMap(value)) return this.map(value);
    if (types.isSet(value)) return this.set(value);
    if (types.isDate(value)) return this.keep(value, new Date(getTime.call(value)));
    if (types.isRegExp(value)) return this.keep(value, new RegExp(value.source, value.flags));
    if (types.isSharedArrayBuffer(value) && this.rules.sharesMemory) return this.keep(value, value);
    return this.keep(value, this.rules.exact(value));
  }

  /** The copy made of `original` already, or `undefined`. */
  private copyOf(original: object): unknown {
    if (original === this.seen0) return this.copy0;
    if (original === this.seen1) return this.copy1;
    const pairs = this.seenPairs;
    if (pairs === undefined) return undefined;
    for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === original) return pairs[i + 1];
    return this.seenMap?.get(original);
  }

  private keep<T>(original: object, copy: T): T {
    if (this.seen0 === undefined) {
      this.seen0 = original;
      this.copy0 = copy;
      return copy;
    }
    if (this.seen1 === undefined) {
      this.seen1 = original;
      this.copy1 = copy;
      return copy;
    }
    const pairs = (this.seenPairs ??= []);
    if (pairs.length < SEEN_IN_LIST * 2) pairs.push(original, copy);
    else (this.seenMap ??= new Map()).set(original, copy);
    return copy;
  }

  /** Own enumerable string keys, read through getters, as a structured clone reads them. */
  private plain(value: Record<string, unknown>): Record<string, unknown> {
    const copy = this.keep(value, {} as Record<string, unknown>);
    const names = keys(value);
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const field = value[name];
      const copied = isReference(field) ? this.of(field, copy, name) : field;
      // An own "__proto__" key is data; assigning it would set the copy's prototype instead.
      if (name === '__proto__') defineProperty(copy, name, { value: copied, writable: true, enumerable: true, configurable: true });
      else copy[name] = copied;
    }
    return copy;
  }

  /** The elements, holes kept as holes (a native slice), then each object element copied. */
  private array(value: unknown[]): unknown[] {
    const copy = this.keep(value, slice.call(value) as unknown[]);
    for (let i = 0; i < copy.length; i++) {
      const element = copy[i];
      if (isReference(element)) copy[i] = this.of(element, copy, i);
    }
    return copy;
  }

  private map(value: Map<unknown, unknown>): Map<unknown, unknown> {
    const copy = this.keep(value, new Map<unknown, unknown>());
    for (const [key, entry] of [...mapEntries.call(value)]) copy.set(this.of(key), this.of(entry));
    return copy;
  }

  private set(value: Set<unknown>): Set<unknown> {
    const copy = this.keep(value, new Set<unknown>());
    for (const entry of [...setValues.call(value)]) copy.add(this.of(entry));
    return copy;
  }

  /**
   * The copy of an ArrayBuffer: pooled, in an ArrayBuffer of its own, or the transport's; made once. `view` is a
   * view of it that the copy may read the bytes through, if it covers them all. `placeable`: the worker can put a
   * pooled copy back where it goes (it cannot in a Map's or Set's entry, where a thread pool's is copied out here).
   */
  private bufferCopy(value: ArrayBuffer, view?: ArrayBufferView, placeable = true): unknown {
    const known = this.copyOf(value);
    if (known !== undefined) return known;
    const { byteLength } = value;
    // A detached buffer (no bytes) is refused by the transport's copy, as sending it would be.
    if (isResizable(value) || byteLength === 0) return this.keep(value, this.rules.exact(value));
    if (byteLength < this.rules.pooledBelow && (this.rules.views === 'whole' || placeable)) {
      const { slab } = this.rules;
      const start = slab.copy(value, 0, byteLength, types.isUint8Array(view) && view.byteLength === byteLength ? view : undefined);
      return this.keep(value, new PooledBuffer(slab.current, start, byteLength, 0, 0, byteLength));
    }
    const copy = this.alone(value, 0, byteLength);
    if (placeable && this.rules.views === 'own' && byteLength >= (this.rules.bulkFrom ?? Infinity)) {
      return this.keep(value, new PooledBuffer(copy, 0, byteLength, 0, 0, byteLength));
    }
    return this.keep(value, copy);
  }

  private view(value: ArrayBufferView, container?: object, key?: string | number): unknown {
    const buffer = value.buffer;
    if (!types.isArrayBuffer(buffer) || isResizable(buffer)) {
      if (this.rules.sharesMemory && types.isSharedArrayBuffer(buffer)) return this.keep(value, value);
      return this.keep(value, this.rules.exact(value));
    }
    const view = types.isDataView(value) ? DATA_VIEW : VIEW_CLASSES.get((value as Uint8Array)[Symbol.toStringTag]);
    if (view === undefined) return this.keep(value, this.rules.exact(value));
    const { byteOffset, byteLength } = value;
    const length = view === DATA_VIEW ? byteLength : (value as Uint8Array).length;
    if (this.rules.views === 'whole') {
      // With its whole ArrayBuffer, at its offset in it, as postMessage sends a view.
      const bytes = this.bufferCopy(buffer, value);
      if (!(bytes instanceof PooledBuffer)) return this.keep(value, new view.Class(bytes as ArrayBuffer, byteOffset, length));
      return this.place(this.keep(value, bytes.as(view.tag, byteOffset, length)), container, key);
    }
    // Its own bytes only, and a Buffer stays a Buffer: all child_process's serializer sends of a view.
    if (byteLength === 0 && isDetached(buffer)) return this.rules.exact(buffer);
    const isBuffer = value.constructor === Buffer;
    // A small one is pooled where the worker can put it back (not as a Map's or Set's entry).
    if (byteLength < this.rules.pooledBelow && container !== undefined) {
      const { slab } = this.rules;
      const start = slab.copy(buffer, byteOffset, byteLength, types.isUint8Array(value) ? value : undefined);
      const copy = new PooledBuffer(slab.current, start, byteLength, isBuffer ? POOLED_BUFFER : view.tag, 0, length);
      return this.place(this.keep(value, copy), container, key);
    }
    const bytes = this.alone(buffer, byteOffset, byteLength);
    // A large one is described beside the message, its copy a slab of its own (see `CopyRules.bulkFrom`).
    if (byteLength >= (this.rules.bulkFrom ?? Infinity) && container !== undefined) {
      const copy = new PooledBuffer(bytes, 0, byteLength, isBuffer ? POOLED_BUFFER : view.tag, 0, length);
      return this.place(this.keep(value, copy), container, key);
    }
    return this.keep(value, isBuffer ? Buffer.from(bytes) : new view.Class(bytes, 0, length));
  }

  /** Puts a pooled buffer at `container[key]` (the copy holds `null` there meanwhile), or copies it where it cannot. */
  private place(pooled: PooledBuffer, container?: object, key?: string | number): unknown {
    if (container === undefined) return pooled.materialize();
    // A first list made at its length: an empty one would grow to room for 16 on its first push.
    if (this.pooled === undefined) this.pooled = [container, key, pooled];
    else this.pooled.push(container, key, pooled);
    return null;
  }

  /** A copy in an ArrayBuffer of its own: lent (see `CopyRules.lendBelow`), or moved to the worker if the transport can. */
  private alone(source: ArrayBufferLike, start: number, length: number): ArrayBuffer {
    const { spares } = this.rules;
    if (spares !== undefined && length >= this.rules.pooledBelow && length < this.rules.lendBelow) {
      const lent = spares.take(length);
      new Uint8Array(lent).set(new Uint8Array(source, start, length));
      if (this.lent === undefined) this.lent = [lent];
      else this.lent.push(lent);
      return lent;
    }
    const copy = ByteSlab.alone(source, start, length);
    if (!this.rules.moves) return copy;
    if (this.moves === undefined) this.moves = [copy];
    else this.moves.push(copy);
    return copy;
  }
}
