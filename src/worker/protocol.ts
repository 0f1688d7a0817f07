/**
 * The messages between a pool and its workers. Messages are arrays whose first element is the kind, so they clone
 * cheaply; many tasks and results travel in one message.
 *
 * Tasks are numbered per worker in the order they are sent (0, 1, 2...), and a worker answers them in that order, so
 * neither side sends task ids: the n-th result answers the n-th task.
 */
import type { TaskDefinition } from '../tasks/TaskRegistry';

/** Parent to worker: the worker's name, and its initializer (a task id defined in `defs`) with its arguments. */
export const INIT = 0;
/**
 * Parent to worker: task definitions `[id, definition, ...]` (or null), tasks `[taskId, kind, args, ...]`, and the
 * small buffers that travel in shared slabs (or null; see {@link PooledMessage}).
 */
export const RUN = 1;
/** Parent to worker: abort the task with this number, with this reason (flattened by `toWire`). */
export const ABORT = 2;
/** Worker to parent: the initializer finished (null) or failed (`[error]`, flattened by `toWire`). */
export const READY = 3;
/** Worker to parent: outcomes `[ok, value, ...]` of the next tasks in order; `ok` is 1 or 0 (value flattened). */
export const RESULTS = 4;
/** Parent to worker: the stream task with this number may send this many more values (its subscriber took them). */
export const STREAM_CREDIT = 5;
/**
 * Worker to parent: one value of the running stream task (it runs alone on its worker, so it is the oldest task the
 * parent holds for that worker). The task's ordinary result ends the stream; its ordinary error errors it.
 */
export const STREAM_VALUE = 6;
/**
 * Worker to parent: the latest value the task with this number gave `reportProgress()` (the worker sends at most one
 * per interval per task, and the pending one before the task's result, so it arrives before the result does).
 */
export const PROGRESS = 7;

/** Task kinds in a {@link RunMessage}: one call with an argument list. */
export const PLAIN = 0;
/** A chunk of calls (`map`'s chunksize): a list of argument lists; the result is the list of results. */
export const CHUNK = 1;
/** A chunk of one-argument calls: a flat list of arguments. */
export const CHUNK_OF_ONE = 2;

/** One call with one argument, sent as it is (no array around it). */
export const ONE_ARGUMENT = 3;

/** A stream task (`Executor.stream`): the payload is `[args, highWaterMark]`; values travel as `STREAM_VALUE`. */
export const STREAM = 4;

/** Values per task in a {@link RunMessage}'s task list. */
export const TASK_FIELDS = 3;

/**
 * The small buffers of a `RUN` message's tasks, which travel in shared slabs (SharedArrayBuffers the parent never
 * writes again) rather than in place: `[slabs, places, buffers]`, where `places` holds `container, key, buffer
 * number` triples (the worker sets `container[key]` before it queues the tasks; containers are objects of the tasks'
 * payloads, which the message clones once, so they are the same objects) and `buffers` holds six numbers per buffer:
 * its slab, the start and length there of its ArrayBuffer's bytes, its class (an index in {@link POOLED_CLASSES}),
 * and for a view its byte offset and its length in elements. Buffers whose bytes start at the same place share one
 * ArrayBuffer.
 */
export type PooledMessage = [SharedArrayBuffer[], unknown[], number[]];

/** The classes of the buffers sent in slabs, by index: what the worker rebuilds. */
export const POOLED_CLASSES = [
  'ArrayBuffer',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'DataView',
] as const;

export type InitMessage = [typeof INIT, string, number, unknown[], Definitions | null];
export type RunMessage = [typeof RUN, Definitions | null, unknown[], PooledMessage | null];
export type AbortMessage = [typeof ABORT, number, unknown];
export type ReadyMessage = [typeof READY, [unknown] | null];
export type ResultsMessage = [typeof RESULTS, unknown[]];
export type StreamCreditMessage = [typeof STREAM_CREDIT, number, number];
export type StreamValueMessage = [typeof STREAM_VALUE, unknown];
export type ProgressMessage = [typeof PROGRESS, number, unknown];

/** What a pool sends to a worker. */
export type ToWorker = InitMessage | RunMessage | AbortMessage | StreamCreditMessage;
/** What a worker sends to its pool. */
export type FromWorker = ReadyMessage | ResultsMessage | StreamValueMessage | ProgressMessage;
/** Definitions interleaved with their ids, as sent in `RUN` and `INIT`. */
export type Definitions = Array<number | TaskDefinition>;

/** The worker side of a transport: how the runtime talks to its pool. */
export interface WorkerChannel {
  /** Sends a message; throws synchronously if it cannot be cloned. */
  send(message: FromWorker): void;
  /** Registers the handler of incoming messages. */
  listen(handler: (message: ToWorker) => void): void;
}
