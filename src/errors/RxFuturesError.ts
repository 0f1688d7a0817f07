/**
 * Base class of every error rxfutures raises, so one `instanceof` check catches them all.
 *
 * Each subclass sets its own `name`; `cause` follows the standard `ErrorOptions`.
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
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    // `new.target` keeps the subclass's name without each class repeating the assignment.
    Object.defineProperty(this, 'name', { value: new.target.name, configurable: true, writable: true });
  }
}
