/** Small Python look-alikes so the examples read like the seed programs they port. */

/** Python's `range(start, stop, step)` as an array. */
export function range(start: number, stop: number, step = 1): number[] {
  const values: number[] = [];
  for (let n = start; step > 0 ? n < stop : n > stop; n += step) values.push(n);
  return values;
}

/** Python's `zip(a, b)` as an array of pairs. */
export function zip<A, B>(a: readonly A[], b: readonly B[]): Array<[A, B]> {
  return a.slice(0, Math.min(a.length, b.length)).map((x, i) => [x, b[i] as B]);
}

/** A Python-like rendering of a value: `[1, 'a', [2, 3]]`. */
export function repr(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(repr).join(', ')}]`;
  if (typeof value === 'string') return `'${value}'`;
  return String(value);
}

/** `HH:MM:SS.mmm`, the time of day for the examples that print `datetime.now()`. */
export function now(): string {
  return new Date().toISOString().slice(11, 23);
}
