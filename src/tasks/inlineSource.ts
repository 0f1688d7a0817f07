import { describe } from '../internal/validate';
import { stripCoverage } from './stripCoverage';

/**
 * The source text of an inline task as a worker compiles it: an expression that evaluates to the function.
 *
 * Arrow functions, function expressions and declarations print as expressions already; a method
 * (`{ triple(n) { ... } }.triple`) prints as `triple(n) { ... }` and is turned into a function expression.
 * Coverage counters (istanbul's, from a test run with coverage) are stripped.
 *
 * @example
 * ```ts
 * inlineSource((n: number) => n * 2); // '(n) => n * 2'
 * ```
 * @throws TypeError for functions whose source is not available (built-ins, bound functions) or classes.
 */
export function inlineSource(fn: (...args: never[]) => unknown): string {
  const text = Function.prototype.toString.call(fn);
  if (/\{\s*\[native code\]\s*\}\s*$/.test(text)) {
    throw new TypeError(
      `cannot send ${describe(fn)} to a worker: its source is not available (a built-in or bound function); ` +
        'wrap it in an arrow function or use moduleTask()',
    );
  }
  if (/^class\b/.test(text)) throw new TypeError(`cannot run a class as a task; received ${describe(fn)}`);
  const source = stripCoverage(text);
  if (/^(?:async\s*)?(?:function\b|\(|[\w$]+\s*=>)/.test(source)) return source;
  // A method: `name(...) {}`, `async name() {}`, `*gen() {}`, `get x() {}` are written as function expressions.
  const method = /^(async\s+)?(\*?)\s*(?:get\s+|set\s+)?(?:\[[^\]]*\]|[\w$]+)\s*\(/.exec(source);
  if (method !== null) {
    return `${method[1] ?? ''}function${method[2]} (${source.slice(method[0].length)}`;
  }
  return source;
}
