/**
 * rxfutures/executor: write your own executor. Everything a subclass of {@link Executor} (or of
 * {@link PoolExecutor}) needs is exported here, and nothing else in rxfutures is meant for it.
 *
 * **The hooks.** An executor extends {@link Executor} and says where tasks run through five hooks the base calls:
 * - `enqueue(item)`: a {@link WorkItem} was accepted. Queue it; start it when a worker is free.
 * - `takePending()`: remove and return every queued item not yet started (for `shutdown({ cancelFutures })`, and
 *   when the executor breaks).
 * - `runningItems()`: the items running now (`shutdown({ timeout })` aborts them at its deadline).
 * - `abortRunning(item, reason)`: a running task was aborted or timed out, and its future has already failed with
 *   `reason`. Stop the task as far as the transport can, and free its worker; its late outcome is ignored.
 * - `hasWork()`: `true` while anything is queued or running (or starting, such as a worker's initializer).
 *
 * It may also override `releaseResources()`, to free threads, processes or connections once the executor is shut down
 * and has no work left; `shutdown()` waits for the promise it returns.
 *
 * **The services.** The subclass calls, on its side:
 * - `startItem(item)` when a worker takes an item. `false` means it was cancelled or aborted while it waited: skip
 *   it. `true` means its future is now running, its `timeout` counts, and an abort reaches `abortRunning`.
 * - `finishItem(item, failed, value)` with the task's outcome: it settles the future (unless an abort did first).
 * - `checkIdle()` whenever its last work may have ended (a task finished, a queue emptied): a `shutdown()` waiting
 *   for the work to end then releases the resources and completes.
 * - `breakExecutor(error)` when it can run nothing more (its worker died, an initializer failed): later submissions
 *   throw a copy of `error` (a `BrokenExecutor`) and every queued future fails with one. Fail the running items
 *   with `finishItem(item, true, this.brokenError())`, then call `checkIdle()`.
 *
 * **Task options.** `retries` need nothing from an executor: each attempt is an ordinary work item. A task's
 * `priority` (`item.options.priority`) is honoured by queueing items in a {@link WaitingQueue}:
 * `new WaitingQueue<WorkItem>(priorityOf)` is a FIFO queue until some item has a priority ({@link priorityOf}).
 *
 * **Running a work item.** A {@link WorkItem} holds the task (`fn`: a function, or a `ModuleTask`) and its calls
 * in `args`, as `chunk` says: {@link ONE_CALL} (the arguments of one call), or a chunk of `map`'s calls,
 * {@link ARGUMENT_LISTS} (one argument list per call) or {@link SINGLE_ARGUMENTS} (each call's only argument), which
 * resolves to the array of the results. Nothing needs to decode them: in this process {@link invokeItem} runs an item;
 * across a boundary, send `taskDefinition(item.fn)`, `item.chunk` and `item.args` as they are, and on the other side
 * call `runCalls(await loadTask(definition), chunk, args)` ({@link taskDefinition}, {@link loadTask},
 * {@link runCalls}). Send what a task threw back with {@link serializeError} and rebuild it with
 * {@link deserializeError}, so that its class, message and properties survive the trip. A worker that receives an
 * inline task's source ({@link inlineSource}) rather than a definition compiles it with {@link compileTaskSource}.
 *
 * **Options.** {@link checkOptions}, {@link checkInteger}, {@link checkTimeout} and {@link describe} validate your
 * executor's options with the messages rxfutures gives (the option's name, the value received, and "did you mean"
 * for a misspelt key). `rxfutures/queue` is built on this entry and the main one alone.
 *
 * **A worker pool.** To run the rxfutures worker runtime in workers of your own (a thread with other options, a
 * process started another way), extend {@link PoolExecutor}: it queues, batches, handles faults and shuts down. Supply
 * `startWorker(name, events)`, which starts a worker from {@link runtimePath} and returns a {@link WorkerHandle} that
 * reports through {@link WorkerEvents}, `faults` ({@link PoolFaults}), the errors it breaks with, and `copyRules`
 * ({@link CopyRules}), how its transport copies a task's arguments: the pool takes them at submit, as the transport
 * would deliver them, so a task never sees a change made after `submit`.
 *
 * @example
 * ```ts
 * import { Executor } from 'rxfutures';
 * import { invokeItem, type WorkItem } from 'rxfutures/executor';
 *
 * // Runs one task at a time on the event loop, in submission order.
 * class OneAtATime extends Executor {
 *   private readonly queue: WorkItem[] = [];
 *   private current: WorkItem | undefined;
 *
 *   constructor() {
 *     super({ maxWorkers: 1 }, 'OneAtATime', 1);
 *   }
 *
 *   protected enqueue(item: WorkItem): void {
 *     this.queue.push(item);
 *     this.next();
 *   }
 *   protected takePending(): WorkItem[] {
 *     return this.queue.splice(0);
 *   }
 *   protected runningItems(): WorkItem[] {
 *     return this.current === undefined ? [] : [this.current];
 *   }
 *   protected abortRunning(): void {
 *     this.current = undefined; // give the task up: its late outcome is ignored
 *     this.next();
 *   }
 *   protected hasWork(): boolean {
 *     return this.current !== undefined || this.queue.length > 0;
 *   }
 *
 *   private next(): void {
 *     while (this.current === undefined && this.queue.length > 0) {
 *       const item = this.queue.shift()!;
 *       if (!this.startItem(item)) continue; // cancelled while it waited
 *       this.current = item;
 *       Promise.resolve()
 *         .then(() => invokeItem(item))
 *         .then((value) => this.ended(item, false, value), (error: unknown) => this.ended(item, true, error));
 *     }
 *     this.checkIdle();
 *   }
 *
 *   private ended(item: WorkItem, failed: boolean, value: unknown): void {
 *     this.finishItem(item, failed, value);
 *     if (this.current !== item) return;
 *     this.current = undefined;
 *     this.next();
 *   }
 * }
 * ```
 * @packageDocumentation
 */
export { Executor } from '../executors/Executor';
export { WorkItem, callArguments, priorityOf, reportItemProgress, traceContextOf } from '../executors/WorkItem';
export { withTraceContext } from '../internal/taskTracing';
export { holdTaskContext } from '../internal/taskContext';
export { ARGUMENT_LISTS, ONE_CALL, SINGLE_ARGUMENTS, type ChunkOfCalls, type ChunkShape } from '../tasks/callShapes';
export { WaitingQueue } from '../internal/WaitingQueue';
export { runCalls } from '../tasks/runCalls';
export { inlineSource } from '../tasks/inlineSource';
export { compileTaskSource } from '../tasks/compileTaskSource';
export { isModuleTask } from '../tasks/moduleTask';
export { checkInteger, checkOptions, checkTimeout, describe } from '../internal/validate';
export { invokeItem } from '../tasks/invokeItem';
export { taskDefinition } from '../tasks/taskDefinition';
export { loadTask } from '../tasks/loadTask';
export type { TaskDefinition } from '../tasks/TaskRegistry';
export type { InlineDetails } from '../tasks/InlineDetails';
export { deserializeError, serializeError } from './serializeError';

export { PoolExecutor, type CopyRules, type PoolFaults, type PoolOptions } from '../executors/pool/PoolExecutor';
export { ByteSlab } from '../executors/pool/ByteSlab';
export { SpareBuffers } from '../executors/pool/SpareBuffers';
export type { WorkerEvents, WorkerHandle } from '../executors/pool/WorkerHandle';
export type { WorkerExit } from '../errors/WorkerExit';
export { runtimePath } from '../worker/runtimePath';
