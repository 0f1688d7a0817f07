/** Option validation shared by every constructor and method; messages name the option and the value received. */

/** Longest delay `setTimeout` honours; anything longer would fire at once, so it is treated as "forever". */
export const MAX_TIMER_MS = 2_147_483_647;

/** A short, safe rendering of a received value for error messages. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return `a function (${value.name || 'anonymous'})`;
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

/**
 * Checks a duration in milliseconds: `undefined` (and `Infinity`) mean "no limit", otherwise a number >= 0.
 * Returns `undefined` for "no limit" so callers arm a timer only when one is needed.
 */
export function checkTimeout(name: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') {
    throw new TypeError(`${name} must be a number of milliseconds or undefined; received ${describe(value)}`);
  }
  if (Number.isNaN(value) || value < 0) {
    throw new RangeError(`${name} must be a number of milliseconds >= 0 (or undefined for no limit); received ${value}`);
  }
  return value > MAX_TIMER_MS ? undefined : value;
}

/** Checks a whole number >= `min`; `undefined` returns the fallback. */
export function checkInteger(name: string, value: unknown, min: number, fallback: number): number;
export function checkInteger(name: string, value: unknown, min: number, fallback?: number): number | undefined;
export function checkInteger(name: string, value: unknown, min: number, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  if (typeof value !== 'number') {
    throw new TypeError(`${name} must be a whole number >= ${min}; received ${describe(value)}`);
  }
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be a whole number >= ${min}; received ${value}`);
  }
  return value;
}

/** Checks that an options argument is a plain object (or undefined). */
export function checkOptions<T extends object>(name: string, value: unknown): Partial<T> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${name} must be an options object; received ${describe(value)}`);
  }
  return value as Partial<T>;
}
