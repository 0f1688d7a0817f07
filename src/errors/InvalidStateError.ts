import { RxFuturesError } from './RxFuturesError';

/**
 * Raised when an operation does not fit the current state, such as setting the result of a future that is already done.
 *
 * @example
 * ```ts
 * const future = new Future<number>();
 * future.setResult(1);
 * future.setResult(2); // throws InvalidStateError
 * ```
 */
export class InvalidStateError extends RxFuturesError {}
