/**
 * Makes `Symbol.asyncDispose` / `Symbol.dispose` exist wherever rxfutures runs. Node 20 defines them, but only in its
 * main context: code run in a `vm` context (jest's test environment, for one) sees a `Symbol` without them, and
 * `await using executor` would fail there. The values are Node's own (`Symbol.for('nodejs.asyncDispose')`), so
 * objects made in either context dispose the same way.
 */
const symbols = Symbol as unknown as { asyncDispose?: symbol; dispose?: symbol };
symbols.asyncDispose ??= Symbol.for('nodejs.asyncDispose');
symbols.dispose ??= Symbol.for('nodejs.dispose');

export {};
