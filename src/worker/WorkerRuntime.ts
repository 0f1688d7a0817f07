import { SerializationError } from '../errors/SerializationError';
import { Deque } from '../internal/Deque';
import { errorMessage } from '../internal/errorMessage';
import { isThenable } from '../internal/isThenable';
import { setWorkerContext, type TaskContext } from '../internal/taskContext';
import { machineTime } from '../internal/machineClock';
import { withTraceContext } from '../internal/taskTracing';
import { traceHeadersOf, type TraceHeaders, type WireTraceContext } from '../internal/traceparent';
import { compileInlineTask } from '../tasks/compileInlineTask';
import { explainClosureError, type TaskRole } from '../tasks/explainClosureError';
import { fromWire, toWire } from '../tasks/errorWire';
import { loadModuleTask } from '../tasks/loadModuleTask';
import type { AnyFunction } from '../tasks/moduleTask';
import type { TaskDefinition } from '../tasks/TaskRegistry';
import { ONE_CALL } from '../tasks/callShapes';
import { runCalls } from '../tasks/runCalls';
import {
  ABORT,
  INIT,
  ONE_ARGUMENT,
  PROGRESS,
  READY,
  RESULTS,
  RUN,
  STREAM,
  STREAM_CREDIT,
  STREAM_VALUE,
  TIMED,
  TRACED,
  type Definitions,
  type TaskKind,
  type ToWorker,
  type WorkerChannel,
} from './protocol';
import { ProgressThrottle } from './ProgressThrottle';
import { restorePooled } from './restorePooled';
import { WorkerStreamSink } from '../streaming/WorkerStreamSink';

/** Results are sent when the worker runs out of tasks, or once this many values (two per result) are waiting. */
const FLUSH_AT = 128;
/** A synchronous call that took less than this (ms) is quick: results may wait behind the next call of its function. */
const QUICK_CALL_MS = 1;

/**
 * The program inside every pool worker, thread or child process alike: it receives tasks in batches, runs them one
 * at a time in order, and sends their outcomes back in batches. It compiles each inline function once and imports
 * each module task once. Uncaught errors are left to crash the worker: the pool sees the exit and handles it.
 *
 * Invariants (the pool relies on each; see the protocol in `./protocol`):
 * - **One outcome per task, in the order sent.** Every task taken off the queue gets exactly one outcome in the
 *   outbox, in queue order, whether it ran, threw, settled later, or was skipped; so the n-th outcome the pool reads
 *   answers the n-th task it sent, and no message needs a task id.
 * - **Numbering.** `next` counts every task taken off the queue, skipped ones too, so it stays equal to the pool's
 *   number for the same task (`PoolWorker.taskNumber`). `current` is the number of the task running now (-1 between
 *   tasks and during the initializer, which is not numbered); only it can be aborted in flight or receive stream
 *   credit.
 * - **One task at a time: the drain.** `draining` is true from the moment a drain starts until the queue is empty,
 *   including while an asynchronous task is pending (the drain returned, and `resume` carries it on when the task
 *   settles). A `RUN` that arrives meanwhile only queues its tasks, so no two tasks ever overlap and the order holds.
 * - **Skipped items.** An `ABORT` for a task not started yet (number `>= next`) is kept in `skipped`; when the drain
 *   reaches that number it answers with the abort reason, never runs the task, and forgets the entry. An `ABORT` for
 *   a task already answered (number below `next`, not `current`) is stale and ignored.
 * - **The outbox** holds `ok, value` pairs waiting to be sent. It is sent (`flush`) when the queue runs dry, before
 *   the drain waits on an asynchronous task, once it holds {@link FLUSH_AT} values, and before a call that may be
 *   slow (next point): an outcome never waits behind work that could take long.
 * - **Quick calls.** A function whose last synchronous call took under {@link QUICK_CALL_MS} is in `quick`; the
 *   outcomes waiting in the outbox may stay there across its next call, so a run of quick tasks answers in one message.
 *   Any other call (slow last time, or never run here) flushes first. The clock is read once per call (the end of one
 *   call starts the next), which keeps timing off the per-task cost.
 * - **Traced tasks.** A task sent with a trace context (kind plus `TRACED`) runs with that context active (through
 *   `@opentelemetry/api` when it loads here) and readable by `taskTraceContext()`; its outcome goes out `TIMED`, with
 *   the machine-clock times its code started and ended. Other tasks pay one comparison for this, and their outcomes
 *   carry nothing more.
 */
export class WorkerRuntime implements TaskContext {
  private readonly functions = new Map<number, AnyFunction | Promise<AnyFunction>>();
  private readonly definitions = new Map<number, TaskDefinition>();
  /** Queued tasks, three values each: function id, task kind (see `TaskKind`), payload. */
  private readonly tasks = new Deque<unknown>();
  /** Tasks aborted before they started, by number, with the abort reason; an entry goes when the drain reaches it. */
  private readonly skipped = new Map<number, unknown>();
  /** Outcomes not yet sent, `ok, value` per task in task order (see the class comment for when it is sent). */
  private outbox: unknown[] = [];
  /**
   * Functions whose last synchronous call was quick. Before a call of any other function (slow last time, or never
   * run here) the waiting results are sent first: a slow synchronous call would otherwise hold them back until it
   * ends, since nothing else runs in the worker meanwhile.
   */
  private readonly quick = new Set<number>();
  /** When the running synchronous call started (ms), for {@link timed}. */
  private clock = 0;
  private name = '';
  /** Number of the next task to take off the queue (skipped tasks count); the pool's `PoolWorker.taskNumber`. */
  private next = 0;
  /** Number of the running task, or -1. */
  private current = -1;
  /** Function id of the running task or initializer, for {@link explain}. */
  private currentFn = -1;
  /** A drain is under way (running, or waiting on an asynchronous task): new tasks only queue. */
  private draining = false;
  /** The running task's abort controller, made on first use of `signal` (or by an abort); dropped when it ends. */
  private controller: AbortController | undefined;
  /** The running traced task's trace context, as headers; `undefined` for an untraced task. */
  private traceHeaders: TraceHeaders | undefined = undefined;
  /** When the running traced task's code started (machine clock, ms); -1 for an untraced task. */
  private tracedStart = -1;
  /** The sink of the running stream task, if it is one. */
  private stream: WorkerStreamSink<unknown> | undefined = undefined;
  /** The running task's `reportProgress()` values, on their way to the pool as `PROGRESS` messages. */
  private readonly progress = new ProgressThrottle((task, value) => this.channel.send([PROGRESS, task, value]));

  constructor(private readonly channel: WorkerChannel) {
    channel.listen((message) => this.receive(message));
  }

  get workerName(): string {
    return this.name;
  }

  get signal(): AbortSignal {
    return (this.controller ??= new AbortController()).signal;
  }

  /** `taskTraceContext()` in the running task: the trace context it was sent with, if it was traced. */
  get traceContext(): TraceHeaders | undefined {
    return this.traceHeaders;
  }

  /** `reportProgress()` in the running task (not in an initializer, which has no future). */
  reportProgress(value: unknown): void {
    if (this.current >= 0) this.progress.report(this.current, value);
  }

  private receive(message: ToWorker): void {
    switch (message[0]) {
      case INIT:
        this.name = message[1];
        this.define(message[4]);
        this.initialize(message[2], message[3]);
        break;
      case RUN: {
        this.define(message[1] as Definitions | null);
        if (message[3] !== null) restorePooled(message[3]);
        const tasks = message[2];
        for (let i = 0; i < tasks.length; i++) this.tasks.push(tasks[i]);
        if (!this.draining) this.drain();
        break;
      }
      case ABORT:
        if (message[1] === this.current) {
          (this.controller ??= new AbortController()).abort(fromWire(message[2]));
          this.stream?.close();
        } else if (message[1] >= this.next) this.skipped.set(message[1], fromWire(message[2]));
        break;
      case STREAM_CREDIT:
        if (message[1] === this.current) this.stream?.grant(message[2]);
        break;
    }
  }

  private define(definitions: Definitions | null | undefined): void {
    if (!definitions) return;
    for (let i = 0; i < definitions.length; i += 2) {
      this.definitions.set(definitions[i] as number, definitions[i + 1] as TaskDefinition);
    }
  }

  private initialize(id: number, args: unknown[]): void {
    if (id < 0) {
      this.channel.send([READY, null]);
      return;
    }
    this.currentFn = id;
    setWorkerContext(this);
    new Promise((resolve) => resolve(this.call(id, ONE_CALL, args)))
      .then(
        () => this.channel.send([READY, null]),
        (error: unknown) => this.channel.send([READY, [toWire(this.explain(error, 'initializer'))]]),
      )
      .finally(() => setWorkerContext(undefined));
  }

  /**
   * Runs queued tasks until none is left, one at a time, each outcome going to the outbox in order. An asynchronous
   * task suspends the loop (the outbox is sent first, so earlier answers do not wait on it) and `resume` carries on
   * when it settles; `draining` stays true meanwhile.
   */
  private drain(): void {
    this.draining = true;
    this.clock = performance.now();
    while (this.tasks.length > 0) {
      const fn = this.tasks.shift() as number;
      let kind = this.tasks.shift() as TaskKind;
      const args = this.tasks.shift();
      let traceContext: WireTraceContext | undefined;
      if (kind >= TRACED) {
        kind = (kind - TRACED) as TaskKind;
        traceContext = this.tasks.shift() as WireTraceContext;
      }
      const number = this.next++;
      if (this.skipped.has(number)) {
        const reason = this.skipped.get(number);
        this.skipped.delete(number);
        this.outbox.push(0, toWire(reason));
        continue;
      }
      if (this.outbox.length > 0 && !this.quick.has(fn)) this.flush();
      this.current = number;
      this.currentFn = fn;
      setWorkerContext(this);
      let outcome: unknown;
      try {
        outcome =
          traceContext === undefined ? this.call(fn, kind, args) : this.callTraced(fn, kind, args, traceContext);
      } catch (error) {
        this.timed(fn);
        this.finish(0, error);
        continue;
      }
      if (isThenable(outcome)) {
        this.flush();
        outcome.then(
          (value) => this.resume(1, value),
          (error: unknown) => this.resume(0, error),
        );
        return;
      }
      this.timed(fn);
      this.finish(1, outcome);
    }
    this.draining = false;
    this.flush();
  }

  /**
   * Records whether the synchronous call of `fn` that just ended was quick: one clock reading per call, as the end of
   * one call starts the next (the runtime's own microseconds between them count in, far below `QUICK_CALL_MS`).
   */
  private timed(fn: number): void {
    const now = performance.now();
    if (now - this.clock < QUICK_CALL_MS) this.quick.add(fn);
    else this.quick.delete(fn);
    this.clock = now;
  }

  private resume(ok: 0 | 1, value: unknown): void {
    this.finish(ok, value);
    this.drain();
  }

  private finish(ok: 0 | 1, value: unknown): void {
    const tracedStart = this.tracedStart;
    const end = tracedStart < 0 ? 0 : machineTime();
    setWorkerContext(undefined);
    this.progress.taskEnded(this.current);
    this.current = -1;
    this.controller = undefined;
    const sent = ok === 1 ? value : toWire(this.explain(value));
    if (tracedStart < 0) {
      this.outbox.push(ok, sent);
    } else {
      this.outbox.push(ok + TIMED, sent, tracedStart, end);
      this.tracedStart = -1;
      this.traceHeaders = undefined;
    }
    if (this.outbox.length >= FLUSH_AT) this.flush();
  }

  /**
   * Calls a traced task with its trace context active (a child span the task makes, with an SDK registered in this
   * worker, continues the trace) and readable by `taskTraceContext()`, timing its code from here to {@link finish}.
   */
  private callTraced(id: number, kind: TaskKind, args: unknown, context: WireTraceContext): unknown {
    const headers = traceHeadersOf(context);
    return withTraceContext(headers, () => {
      this.traceHeaders = headers;
      this.tracedStart = machineTime();
      return this.call(id, kind, args);
    });
  }

  private call(id: number, kind: TaskKind, args: unknown): unknown {
    const fn = this.functions.get(id) ?? this.compile(id);
    if (kind === STREAM) return this.runStream(fn, args as [unknown[], number]);
    if (fn instanceof Promise) return fn.then((loaded) => invoke(loaded, kind, args));
    return invoke(fn, kind, args);
  }

  /** Runs a stream task: its values go to the pool as `STREAM_VALUE` messages, within the credit the pool grants. */
  private async runStream(fn: AnyFunction | Promise<AnyFunction>, [args, highWaterMark]: [unknown[], number]): Promise<void> {
    const sink = new WorkerStreamSink<unknown>(highWaterMark, (value) => this.channel.send([STREAM_VALUE, value]));
    this.stream = sink;
    try {
      // Loaded on first use, so workers that never stream do not load rxjs.
      const { pumpStream } = await import('../streaming/pumpStream');
      await pumpStream(await fn, args, sink);
    } finally {
      this.stream = undefined;
      sink.close();
    }
  }

  private compile(id: number): AnyFunction | Promise<AnyFunction> {
    const definition = this.definitions.get(id);
    if (definition === undefined) throw new Error(`internal error: task ${id} was never defined in this worker`);
    if (definition[0] === 'inline') {
      const fn = compileInlineTask(definition[1], definition[2]);
      this.functions.set(id, fn);
      return fn;
    }
    const url = definition[1];
    const loading = loadModuleTask({ kind: 'module', url, exportName: definition[2] }).catch((error: unknown) => {
      throw explainTypeScript(url, error);
    });
    this.functions.set(id, loading);
    loading.then(
      (fn) => this.functions.set(id, fn),
      () => this.functions.delete(id),
    );
    return loading;
  }

  /** Turns "x is not defined" thrown by an inline function that mentions `x` into a `ClosureVariableError`. */
  private explain(error: unknown, role: TaskRole = 'task'): unknown {
    const definition = this.definitions.get(this.currentFn);
    if (!(error instanceof ReferenceError) || definition?.[0] !== 'inline') return error;
    return explainClosureError(error, definition[1], definition[2], role);
  }

  /** Sends the waiting results; if one of them cannot be cloned, it alone fails with a SerializationError. */
  private flush(): void {
    if (this.outbox.length === 0) return;
    const values = this.outbox;
    this.outbox = [];
    try {
      this.channel.send([RESULTS, values]);
      return;
    } catch {
      // Find the culprits: send the results one by one.
    }
    for (let i = 0; i < values.length; ) {
      const timed = (values[i] as number) >= TIMED;
      const outcome = values.slice(i, (i += timed ? 4 : 2));
      try {
        this.channel.send([RESULTS, outcome]);
      } catch (error) {
        const reason = new SerializationError(
          `the task's result cannot be sent back from the worker: ${errorMessage(error)}`,
          { cause: error },
        );
        // A timed outcome keeps its times: the task ran, only its result could not travel.
        outcome[0] = timed ? TIMED : 0;
        outcome[1] = toWire(reason);
        this.channel.send([RESULTS, outcome]);
      }
    }
  }
}

/** A `.ts` module task that fails to load without a TypeScript loader gets an error that says what to do. */
function explainTypeScript(url: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (!/\.[cm]?tsx?$/.test(url) || !(error instanceof SyntaxError || code === 'ERR_UNKNOWN_FILE_EXTENSION')) return error;
  return new TypeError(
    `cannot load the TypeScript module task ${url} in this worker: run the program under a TypeScript loader ` +
      '(for example `tsx`), which pool workers inherit, or compile the task to JavaScript',
    { cause: error },
  );
}

/** Runs a task of one of the call kinds: a lone argument as it came, any call shape through `runCalls`. */
function invoke(fn: AnyFunction, kind: Exclude<TaskKind, typeof STREAM>, payload: unknown): unknown {
  if (kind === ONE_ARGUMENT) return fn(payload);
  return runCalls(fn, kind, payload as unknown[]);
}
