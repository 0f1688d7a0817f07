import type { ModuleTask } from './moduleTask';

/**
 * What an executor can run: a function, or a {@link ModuleTask} naming an exported function. `A` are its
 * arguments and `R` what it returns (a promise is awaited).
 *
 * @example
 * ```ts
 * const task: Task<[number], number> = (n) => n * 2;
 * ```
 */
export type Task<A extends unknown[], R> = ((...args: A) => R) | ModuleTask<(...args: A) => R>;
