/**
 * A third-party executor, written only against rxfutures' public entry points (`rxfutures` and `rxfutures/executor`,
 * here their source index files): it proves the extension point is enough to build one. It runs its tasks in one
 * worker thread of its own, reached through a MessageChannel, with its own messages:
 *
 *   parent -> worker  ['run', id, key, definition | null, chunk, args]   a task; the definition only on first use
 *                     ['abort', id]                                      the parent gave the task up: no answer
 *                     ['stop']                                           close the port and exit
 *   worker -> parent  ['done', id, ok, value]                            the outcome (an error serialized)
 *
 * At most `maxWorkers` tasks run in the worker at once; the rest wait here, in submission order. A worker that dies
 * breaks the executor. Shutdown stops the worker once the work is done (and terminates it if it does not go).
 */
import { join } from 'node:path';
import { MessageChannel, Worker, type MessagePort, type TransferListItem } from 'node:worker_threads';
import { BrokenExecutor, Executor, SerializationError, type ExecutorOptions } from '../../src';
import { deserializeError, priorityOf, taskDefinition, WaitingQueue, type TaskDefinition, type WorkItem } from '../../src/extension';

/** The worker's program: plain JavaScript that loads `rxfutures/executor` from the built package. */
const workerFile = join(__dirname, '..', 'fixtures', 'channelWorker.cjs');
/** Milliseconds the worker has to exit after `stop` before it is terminated. */
const STOP_GRACE_MS = 1000;

/** The error a ChannelExecutor breaks with when its worker dies. */
export class BrokenChannelExecutor extends BrokenExecutor {}

/** Options of {@link ChannelExecutor}: those of every executor, without an initializer. */
export type ChannelExecutorOptions = Omit<ExecutorOptions, 'initializer' | 'initArgs'>;

type Answer = ['done', number, boolean, unknown];

export class ChannelExecutor extends Executor {
  private readonly queue = new WaitingQueue<WorkItem>(priorityOf);
  private readonly running = new Map<number, WorkItem>();
  private readonly numbers = new Map<WorkItem, number>();
  /** Task definitions the worker has been sent (their JSON text), with the key it knows each by. */
  private readonly known = new Map<string, number>();
  private worker: Worker | undefined = undefined;
  private port: MessagePort | undefined = undefined;
  private exited: Promise<void> = Promise.resolve();
  private lastError: unknown = undefined;
  private stopping = false;
  private nextNumber = 0;

  constructor(options?: ChannelExecutorOptions) {
    if ((options as ExecutorOptions | undefined)?.initializer !== undefined) {
      throw new TypeError('ChannelExecutor has no initializer');
    }
    super(options, 'ChannelExecutor', 2);
  }

  /** `true` while its worker thread runs. */
  get workerRunning(): boolean {
    return this.worker !== undefined;
  }

  protected enqueue(item: WorkItem): void {
    this.queue.push(item);
    this.dispatch();
  }

  protected takePending(): WorkItem[] {
    return this.queue.drain();
  }

  protected runningItems(): Iterable<WorkItem> {
    return this.running.values();
  }

  protected abortRunning(item: WorkItem): void {
    const number = this.numbers.get(item);
    if (number === undefined) return;
    this.forget(number, item);
    this.port?.postMessage(['abort', number]);
    this.dispatch();
  }

  protected hasWork(): boolean {
    return this.queue.length > 0 || this.running.size > 0;
  }

  protected override async releaseResources(): Promise<void> {
    if (this.worker === undefined) return;
    this.stopping = true;
    const worker = this.worker;
    this.port!.postMessage(['stop']);
    const deadline = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(deadline);
  }

  /** Sends queued tasks to the worker while fewer than `maxWorkers` run there. */
  private dispatch(): void {
    while (!this.isBroken && this.running.size < this.maxWorkers && this.queue.length > 0) {
      const item = this.queue.shift()!;
      if (this.startItem(item)) this.send(item);
    }
    this.holdOpen(this.running.size > 0);
    this.checkIdle();
  }

  private send(item: WorkItem): void {
    let definition: TaskDefinition;
    try {
      definition = taskDefinition(item.fn);
    } catch (error) {
      this.finishItem(item, true, error);
      return;
    }
    const text = JSON.stringify(definition);
    const key = this.known.get(text) ?? this.known.size;
    const first = !this.known.has(text);
    const number = this.nextNumber++;
    const port = this.port ?? this.start();
    try {
      const transfer = item.options?.transfer as TransferListItem[] | undefined;
      port.postMessage(['run', number, key, first ? definition : null, item.chunk, item.args], transfer);
    } catch (error) {
      const message = `the task's arguments cannot be sent to the ChannelExecutor's worker: ${(error as Error).message}`;
      this.finishItem(item, true, new SerializationError(message, { cause: error }));
      return;
    }
    if (first) this.known.set(text, key);
    this.running.set(number, item);
    this.numbers.set(item, number);
  }

  private start(): MessagePort {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(workerFile, { workerData: { port: port2 }, transferList: [port2] });
    this.worker = worker;
    this.port = port1;
    port1.on('message', (message: Answer) => this.answer(message));
    worker.on('error', (error) => (this.lastError = error));
    this.exited = new Promise((resolve) => worker.once('exit', (code) => resolve(this.onExit(code))));
    return port1;
  }

  private answer([, number, ok, value]: Answer): void {
    const item = this.running.get(number);
    if (item === undefined) return; // given up after an abort
    this.forget(number, item);
    this.finishItem(item, !ok, ok ? value : deserializeError(value));
    this.dispatch();
  }

  private onExit(code: number): void {
    this.port?.close();
    this.worker = undefined;
    this.port = undefined;
    this.known.clear();
    if (this.stopping) return;
    const cause = this.lastError;
    this.breakExecutor(new BrokenChannelExecutor(`the ChannelExecutor's worker exited with code ${code}`, { cause }));
    for (const [number, item] of [...this.running]) {
      this.forget(number, item);
      this.finishItem(item, true, this.brokenError());
    }
    this.checkIdle();
  }

  private forget(number: number, item: WorkItem): void {
    this.running.delete(number);
    this.numbers.delete(item);
  }

  /** The worker keeps the program alive only while it runs tasks. */
  private holdOpen(busy: boolean): void {
    if (busy) {
      this.worker?.ref();
      this.port?.ref();
    } else {
      this.worker?.unref();
      this.port?.unref();
    }
  }
}
