/**
 * Short `console.log` forms: Node's `util.inspect` calls the method under this key, found without importing
 * `node:util` (the symbol is registered globally).
 */
export const inspectCustom: unique symbol = Symbol.for('nodejs.util.inspect.custom');

/** The part of `util.inspect`'s options a custom inspector passes on. */
export interface InspectOptionsLike {
  depth?: number | null;
  stylize(text: string, style: string): string;
}

/** `util.inspect` itself, as Node hands it to a custom inspector. */
export type InspectFunction = (value: unknown, options?: InspectOptionsLike) => string;

/**
 * Renders `fields` as `util.inspect` renders an object, under `name`: `Future { state: 'FINISHED', result: 9 }`.
 * Beyond the depth Node was asked for it prints `[Future]`, as Node does for any object.
 */
export function inspectAs(
  name: string,
  fields: object,
  depth: number | null,
  options: InspectOptionsLike,
  inspect: InspectFunction,
): string {
  // `depth` is what is left of the depth asked for at this object (null: no limit); the fields sit at the same level.
  if (depth !== null && depth < 0) return options.stylize(`[${name}]`, 'special');
  return `${name} ${inspect(fields, { ...options, depth })}`;
}
