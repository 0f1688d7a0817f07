/**
 * The wire protocol between a worker pool (`PoolExecutor`, in the parent) and each of its workers (`WorkerRuntime`,
 * in a worker thread or a child process). Every message is an array whose first element says its kind, so it clones
 * cheaply; many tasks travel in one `RUN`, and many answers in one `RESULTS`.
 *
 * How a task and its answer travel:
 *
 * ```
 *  parent: PoolExecutor                                   worker: WorkerRuntime
 *  ────────────────────                                   ─────────────────────
 *  submit ─► WorkItem (arguments taken now)
 *     │  PoolDispatcher picks a worker with room
 *     ▼
 *  sendTasks ── RUN [defs, tasks, slabs] ─────────────►  define new functions, restore pooled buffers,
 *  PoolWorker.accept: held, in order;                    queue the tasks (fn id, kind, payload each)
 *    task number = answered + place held                      │ drain: run them one at a time, in order,
 *                                                             │ numbering them 0, 1, 2... as they start
 *             ◄────────────────── STREAM_VALUE value ─────────┤ (a stream task's values, within its credit)
 *             ── STREAM_CREDIT [number, n] ──────────────►    │
 *             ── ABORT [number, reason] ─────────────────►    │ running: abort its signal; not started: skip it
 *                                                             ▼
 *  PoolWorker.answer: oldest  ◄── RESULTS [ok, value, ...] ── outbox: outcomes in task order, sent in batches
 *    held task, answered++; finishItem settles its future
 * ```
 *
 * A traced task (its span is recorded in the parent, see `internal/taskTracing`) carries its trace context, and its
 * outcome the times its code ran:
 *
 * ```
 *  sendTasks ── RUN [defs, [.., fn, kind + TRACED, payload, context, ..], slabs] ──►  runs it with that
 *                                                             context active (taskTraceContext() reads it), timed
 *  settle: the span's start, run  ◄── RESULTS [.., ok + TIMED, value, start, end, ..] ──
 *    time and end are the worker's
 * ```
 *
 * Before any task, `INIT` names the worker and runs its initializer; the worker answers `READY` (or `READY` with the
 * initializer's error, which breaks the pool).
 *
 * **Task numbers are implicit.** Both sides number a worker's tasks in the order they were sent (0, 1, 2...), and a
 * worker answers them in that order, so no message carries a task id except those that name one task out of turn
 * (`ABORT`, `STREAM_CREDIT`): the n-th outcome in the `RESULTS` stream answers the n-th task sent. The parent's
 * number for a task it holds is the count answered plus its place among those held (`PoolWorker.taskNumber`); the
 * worker's is `next`, the number of the next task to start (see `WorkerRuntime`). An aborted task the worker has not
 * started still gets an outcome (its failure), so the numbering never slips.
 *
 * **Tasks in a `RUN`** are triples `fn id, kind, payload`. The function travels once per worker as a definition
 * (`defs`: the inline source, or the module URL and export); later tasks name it by id. The kind is a call shape
 * (`tasks/callShapes`), sent as the work item holds it, or one of the wire's own kinds ({@link ONE_ARGUMENT},
 * {@link STREAM}); the worker runs every call shape through `runCalls`. A traced task's kind has {@link TRACED} added,
 * and a fourth value follows its payload: its trace context ({@link WireTraceContext}). An untraced task carries
 * nothing more.
 *
 * **Outcomes in `RESULTS`** are pairs `ok, value`: `1, result` or `0, error` (the error flattened by `toWire`, rebuilt
 * by `fromWire`, so its class and fields survive the trip). The outcome of a traced task that ran has {@link TIMED}
 * added to its `ok`, and two more values: when its code started and ended, in milliseconds of the machine's
 * monotonic clock (`internal/machineClock`), one clock for every thread and process of the machine. A map chunk is one
 * task: one pair of times for all its calls. A task aborted before it started is answered untimed.
 */
import type { ARGUMENT_LISTS, ChunkShape, ONE_CALL, SINGLE_ARGUMENTS } from '../tasks/callShapes';
import type { TaskDefinition } from '../tasks/TaskRegistry';
import type { WireTraceContext } from '../internal/traceparent';

/** Parent to worker: the worker's name, and its initializer (a task id defined in `defs`) with its arguments. */
export const INIT = 0;
/**
 * Parent to worker: task definitions `[id, definition, ...]` (or null), tasks `[fn id, kind, payload, ...]` (a traced
 * task's kind plus {@link TRACED}, with its trace context after its payload), and the
 * small buffers that travel in shared slabs (or null; see {@link PooledMessage}).
 */
export const RUN = 1;
/** Parent to worker: abort the task with this number, with this reason (flattened by `toWire`). */
export const ABORT = 2;
/** Worker to parent: the initializer finished (null) or failed (`[error]`, flattened by `toWire`). */
export const READY = 3;
/**
 * Worker to parent: outcomes `[ok, value, ...]` of the next tasks in order; `ok` is 1 or 0 (value flattened), plus
 * {@link TIMED} with two more values (start, end) for a traced task.
 */
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

/**
 * The kind of a task in a {@link RunMessage}: a call shape ({@link ONE_CALL}, {@link ARGUMENT_LISTS},
 * {@link SINGLE_ARGUMENTS}, defined with the tasks in `tasks/callShapes` and sent as the work item holds them), or one
 * of the two kinds only the wire has: {@link ONE_ARGUMENT} and {@link STREAM}.
 */
export type TaskKind = ChunkShape | typeof ONE_ARGUMENT | typeof STREAM;

/** A task kind only the wire has: one call with one argument, sent as it is (no array around it). */
export const ONE_ARGUMENT = 3;

/**
 * A task kind only the wire has: a stream task (`Executor.stream`), whose payload is `[args, highWaterMark]`; its
 * values travel as `STREAM_VALUE`.
 */
export const STREAM = 4;

/** Values per task in a {@link RunMessage}'s task list (a traced task has one more: see {@link TRACED}). */
export const TASK_FIELDS = 3;

/**
 * Added to the kind of a traced task in a {@link RunMessage}: its {@link WireTraceContext} follows its payload, and its
 * outcome comes back {@link TIMED}.
 */
export const TRACED = 8;

/**
 * Added to the `ok` of a traced task's outcome in a {@link ResultsMessage}: the start and end of its run (machine
 * clock, ms) follow its value.
 */
export const TIMED = 2;

/**
 * The small buffers of a `RUN` message's tasks, which travel in slabs rather than in place: `[slabs, places,
 * buffers]`, where `places` holds `container, key, buffer number` triples (the worker sets `container[key]` before it
 * queues the tasks; containers are objects of the tasks' payloads, or the task list itself for a lone argument that
 * is the buffer, which the message clones once, so they are the same objects) and `buffers` holds six numbers per
 * buffer: its slab, the start and length there of its ArrayBuffer's bytes, its class (an index in
 * {@link POOLED_CLASSES}, or {@link POOLED_BUFFER}), and for a view its byte offset and its length in elements.
 *
 * A worker thread gets SharedArrayBuffers the parent never writes again while it may read them, and copies each buffer
 * out (buffers whose bytes start at the same place share one ArrayBuffer again). A child process gets, for each slab,
 * a Uint8Array of the part its tasks use (one copy in the message for all of them, where the serializer would make
 * one per buffer, each through a call back into JavaScript), and each view is made over those bytes, as the
 * serializer itself delivers a view: over the message's memory.
 */
export type PooledMessage = [Array<SharedArrayBuffer | Uint8Array | BulkBytes>, unknown[], number[]];

/**
 * A slab of a {@link PooledMessage} whose bytes a child process reads from its bulk file (see `BulkFile`) rather than
 * from the message: where they start in the file, and how many there are. The child's transport reads them into
 * memory of their own and puts that in the slab's place before the runtime sees the message, which then restores
 * the buffers as from bytes the message carried.
 */
export type BulkBytes = [start: number, length: number];

/**
 * Child process to its transport, before anything else: the child reads the shared file it inherited (see
 * `BulkFile`), so large buffers may travel through it. The pool never sees this message; a child that does not send
 * it (its runtime cannot read the file: Bun, Deno, no `/dev/shm`) gets every byte in its messages.
 */
export const BULK_READY = 8;
export type BulkReadyMessage = [typeof BULK_READY];

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

/**
 * The class of a pooled Node `Buffer`, after {@link POOLED_CLASSES}: a child process's serializer keeps a Buffer a
 * Buffer (postMessage makes it a Uint8Array, so a thread pool never sends this kind).
 */
export const POOLED_BUFFER = POOLED_CLASSES.length;

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
