/**
 * The call shapes: how the arguments of a task's calls are held, in a work item (`WorkItem.chunk`) and on the wire
 * to a pool worker alike (the worker protocol's task kinds start with these same numbers). Named here once, in the
 * task layer, so every executor, the worker runtime and `runCalls` speak of them by the same names.
 *
 * One place runs them: `runCalls` (in this process, in a worker thread or process, or across any other boundary).
 */

/**
 * The arguments are one call's argument list: `fn(...args)`.
 *
 * @example
 * ```ts
 * runCalls((a: number, b: number) => a + b, ONE_CALL, [1, 2]); // 3
 * ```
 */
export const ONE_CALL = 0;
/**
 * The arguments are a chunk of calls (`map` with `chunksize` over several iterables): one argument list per call,
 * and the outcome is the array of their results.
 *
 * @example
 * ```ts
 * runCalls((a: number, b: number) => a * b, ARGUMENT_LISTS, [[2, 3], [4, 5]]); // [6, 20]
 * ```
 */
export const ARGUMENT_LISTS = 1;
/**
 * The arguments are a chunk of one-argument calls (`map` with `chunksize` over one iterable, the operators' chunks):
 * each call's only argument, with no list around each (which workers clone far faster); the outcome is the array of
 * their results.
 *
 * @example
 * ```ts
 * runCalls((n: number) => n * 2, SINGLE_ARGUMENTS, [1, 2, 3]); // [2, 4, 6]
 * ```
 */
export const SINGLE_ARGUMENTS = 2;

/**
 * How a chunk of calls holds its arguments: {@link ARGUMENT_LISTS} or {@link SINGLE_ARGUMENTS}.
 *
 * @example
 * ```ts
 * const shape: ChunkOfCalls = iterables.length === 1 ? SINGLE_ARGUMENTS : ARGUMENT_LISTS;
 * ```
 */
export type ChunkOfCalls = typeof ARGUMENT_LISTS | typeof SINGLE_ARGUMENTS;
/**
 * How a work item's `args` hold its calls: {@link ONE_CALL}, or a chunk of calls ({@link ChunkOfCalls}).
 * `runCalls` runs any of them.
 *
 * @example
 * ```ts
 * const message = { chunk: item.chunk satisfies ChunkShape, args: item.args }; // runCalls(fn, chunk, args) on the far side
 * ```
 */
export type ChunkShape = typeof ONE_CALL | ChunkOfCalls;
