/**
 * rxfutures/operators: pipeable RxJS operators that run stream values as tasks on an executor.
 *
 * The operators themselves (mapOrdered, mapUnordered, asCompleted, waitFirst) are being built; this entry point
 * exists now so the package layout is stable.
 *
 * @example
 * ```ts
 * import { from, mergeAll } from 'rxjs';
 * import { AsyncExecutor } from 'rxfutures';
 * const executor = new AsyncExecutor();
 * // A Future is an Observable, so mergeAll() over futures yields values in completion order:
 * from([1, 2, 3].map((n) => executor.submit(async () => n))).pipe(mergeAll()).subscribe(console.log);
 * ```
 * @packageDocumentation
 */
export {};
