import type { Observable } from 'rxjs';
import type { Task } from './Task';

/** What a stream task returns: the values to stream, as an async iterable, an iterable or an Observable. */
export type StreamSource<T> = AsyncIterable<T> | Iterable<T> | Observable<T>;

/**
 * A task for `Executor.stream`: an async generator function, or a function returning (or resolving to) an
 * AsyncIterable, an Iterable or an Observable of `T`; or a {@link ModuleTask} naming one.
 *
 * @example
 * ```ts
 * const countdown: StreamTask<[number], number> = async function* (from) {
 *   for (let n = from; n > 0; n--) yield n;
 * };
 * ```
 */
export type StreamTask<A extends unknown[], T> = Task<A, StreamSource<T> | PromiseLike<StreamSource<T>>>;
