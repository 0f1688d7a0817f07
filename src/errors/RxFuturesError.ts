/**
 * The options of an rxfutures error: the standard `{ cause }`. Written out rather than taken from the `ErrorOptions`
 * of TypeScript's ES2022 library, so that the shipped declarations type-check in programs compiled for older targets
 * (`tsc --init` picks ES2016) with `skipLibCheck: false`.
 *
 * @example
 * ```ts
 * const options: RxFuturesErrorOptions = { cause: new Error('disk full') };
 * throw new RxFuturesError('could not save the results', options);
 * ```
 */
export interface RxFuturesErrorOptions {
  /** The error behind this one. */
  cause?: unknown;
}

/**
 * Base class of every error rxfutures raises, so one `instanceof` check catches them all.
 *
 * Each subclass sets its own `name`; `cause` follows the standard `ErrorOptions` (see {@link RxFuturesErrorOptions}).
 *
 * @example
 * ```ts
 * try {
 *   await future;
 * } catch (error) {
 *   if (error instanceof RxFuturesError) console.log('rxfutures said:', error.name);
 * }
 * ```
 */
export class RxFuturesError extends Error {
  /**
   * Makes the error; `name` is the class's name.
   *
   * @param message - what went wrong.
   * @param options - `{ cause }`: the error behind this one.
   */
  constructor(message?: string, options?: RxFuturesErrorOptions) {
    super(message, options);
    // `new.target` keeps the subclass's name without each class repeating the assignment.
    Object.defineProperty(this, 'name', { value: new.target.name, configurable: true, writable: true });
  }
}
