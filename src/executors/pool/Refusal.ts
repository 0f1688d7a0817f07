/**
 * Why a pool's transport can never send a value that it would otherwise mangle without a word (a MessagePort to a
 * child process): thrown while a task's arguments are copied, a verdict that no second try can change. The pool
 * turns it into the task's `SerializationError`.
 *
 * @example
 * ```ts
 * throw new Refusal('a MessagePort, which only worker threads can receive', port);
 * ```
 */
export class Refusal extends Error {
  /**
   * @param reason - what the value is and why it cannot go, after "argument 2 is".
   * @param value - the refused value, to tell an argument from a value inside one.
   */
  constructor(
    readonly reason: string,
    readonly value: unknown,
  ) {
    super(reason);
    this.name = 'Refusal';
  }
}
