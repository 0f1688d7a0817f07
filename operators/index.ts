/**
 * rxfutures/operators: pipeable RxJS operators that run stream values as tasks on an executor, and that read
 * streams of futures.
 *
 * @example
 * ```ts
 * import { from, mergeAll } from 'rxjs';
 * import { AsyncExecutor } from 'rxfutures';
 * import { mapOrdered } from 'rxfutures/operators';
 * const executor = new AsyncExecutor();
 * from([1, 2, 3]).pipe(mapOrdered(executor, async (n: number) => n * 10)).subscribe(console.log); // 10, 20, 30
 * // A Future is an Observable, so mergeAll() over futures already yields values in completion order:
 * from([1, 2, 3].map((n) => executor.submit(async () => n))).pipe(mergeAll()).subscribe(console.log);
 * ```
 * @packageDocumentation
 */
export { mapOrdered } from './mapOrdered';
export { mapUnordered } from './mapUnordered';
export type { MapOnExecutorOptions } from './internal/MapOnExecutorOptions';
export { asCompleted } from './asCompleted';
export { waitFirst, type WaitFirstOptions } from './waitFirst';
export type { AsCompletedOptions } from '../src/asCompleted';
