import { RxFuturesError } from '../errors/RxFuturesError';

/**
 * Thrown by the `rxfutures/testing` assertions when a rule is broken. The message names the rule and lists each task
 * that broke it by its label (`fetchUser(3)`), so fast-check's counterexample report reads on its own; the same lines
 * are in {@link InvariantViolation.violations}.
 *
 * @example
 * ```ts
 * try {
 *   assertSettledExactlyOnce(executor);
 * } catch (error) {
 *   if (error instanceof InvariantViolation) console.log(error.violations);
 * }
 * ```
 */
export class InvariantViolation extends RxFuturesError {
  /** One line per offending task. */
  readonly violations: readonly string[];

  constructor(rule: string, violations: readonly string[]) {
    const shown = violations.slice(0, 10).map((line) => `\n  - ${line}`).join('');
    const more = violations.length > 10 ? `\n  ... and ${violations.length - 10} more` : '';
    super(`${rule}: ${violations.length} violation(s)${shown}${more}`);
    this.violations = violations;
  }

  /** Throws an InvariantViolation for `rule` if `violations` is not empty. */
  static check(rule: string, violations: readonly string[]): void {
    if (violations.length > 0) throw new InvariantViolation(rule, violations);
  }
}
