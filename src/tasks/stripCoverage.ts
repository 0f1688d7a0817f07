/**
 * Counters that istanbul (jest `--coverage`, nyc) inserts into instrumented code: `cov_1x2y().s[0]++`,
 * `cov_1x2y().f[3]++`, `cov_1x2y().b[2][1]++`, each followed by `;` or `,`. They call a function of the instrumented
 * module's scope, which a worker cannot see.
 */
const COUNTER = /\bcov_[\w$]+\(\)\.[a-z]+(?:\[\d+\])+\+\+\s*[;,]?/g;

/**
 * Removes coverage counters from a function's source so it can be compiled in a worker. The counters only count;
 * removing them leaves the function's behaviour unchanged (a statement-level counter ends with `;`, an expression-level
 * one is the left operand of a comma).
 *
 * @example
 * ```ts
 * stripCoverage('n=>{cov_a().f[0]++;cov_a().s[1]++;return n*2;}'); // 'n=>{return n*2;}'
 * ```
 */
export function stripCoverage(source: string): string {
  return source.includes('cov_') ? source.replace(COUNTER, '') : source;
}
