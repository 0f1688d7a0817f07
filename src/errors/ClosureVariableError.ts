import { RxFuturesError } from './RxFuturesError';

/**
 * An inline task sent to a worker used a variable of the scope it was written in. A worker receives only the
 * function's source, so such a variable does not exist there. Pass the value as an argument, `require()` or
 * `await import()` inside the function, or use `moduleTask()`. The original `ReferenceError` is the `cause`.
 *
 * @example
 * ```ts
 * const factor = 3;
 * await pool.submit((n: number) => n * factor, 2).result().catch((e) => e instanceof ClosureVariableError); // true
 * ```
 */
export class ClosureVariableError extends RxFuturesError {}
