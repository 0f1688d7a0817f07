import type { TransferListItem } from 'node:worker_threads';
import type { TaskRegistry } from '../../tasks/TaskRegistry';
import { ONE_CALL } from '../../tasks/callShapes';
import { ONE_ARGUMENT, RUN, STREAM, TRACED, type Definitions } from '../../worker/protocol';
import type { WorkItem } from '../WorkItem';
import { unsendable } from './captureArguments';
import { PooledSlabs } from './PooledSlabs';
import type { PoolWorker } from './PoolWorker';

/**
 * Sends started items to a worker in one `RUN` message, with the definitions of functions it has not seen. Their
 * arguments were taken at submit: the copies they were given to move (`item.moves`) are transferred, and their small
 * buffers travel in shared slabs (`item.pooled`). Should the batch still fail to clone, the items are
 * sent one by one and only those that cannot be sent fail (with a `SerializationError`); the worker never sees them.
 *
 * @returns the items the worker received, in order.
 * @example
 * ```ts
 * const accepted = sendTasks(worker, items, registry, (item, error) => finish(item, error));
 * ```
 */
export function sendTasks(
  worker: PoolWorker,
  items: WorkItem[],
  registry: TaskRegistry,
  fail: (item: WorkItem, error: unknown) => void,
): WorkItem[] {
  const tasks: unknown[] = [];
  const encoded: WorkItem[] = [];
  let definitions: Definitions | null = null;
  let transfer: TransferListItem[] | undefined;
  let slabs: PooledSlabs | undefined;
  for (const item of items) {
    let id: number;
    try {
      id = registry.idOf(item.fn);
    } catch (error) {
      fail(item, error);
      continue;
    }
    if (!worker.knows(id)) {
      (definitions ??= []).push(id, registry.definition(id));
      worker.learn(id);
    }
    const lone = pushTask(tasks, id, item);
    if (item.pooled !== undefined) (slabs ??= new PooledSlabs()).add(item.pooled, lone < 0 ? undefined : item.args, tasks, lone);
    if (item.moves !== undefined) (transfer ??= []).push(...item.moves);
    encoded.push(item);
  }
  if (encoded.length === 0) return encoded;
  try {
    send(worker, definitions, tasks, slabs, transfer);
    return encoded;
  } catch {
    for (let i = 0; i < (definitions?.length ?? 0); i += 2) worker.unlearn(definitions![i] as number);
    return sendOneByOne(worker, encoded, registry, fail);
  }
}

/**
 * Appends an item's task to a message's task list: function id, kind, payload (see the worker protocol). A chunk
 * travels in its call shape as it is; one call may travel as one of the wire's own kinds. A traced task's kind is
 * marked {@link TRACED} and its trace context follows; an untraced one carries nothing more.
 *
 * @returns where a lone argument, sent without its list, lies in `tasks` (a pooled buffer that was the argument
 * goes back there, not into the list), or -1.
 */
function pushTask(tasks: unknown[], id: number, item: WorkItem): number {
  const trace = item.trace;
  const traced = trace === undefined ? 0 : TRACED;
  let lone = -1;
  if (item.chunk !== ONE_CALL) tasks.push(id, item.chunk + traced, item.args);
  else if (item.stream !== undefined) tasks.push(id, STREAM + traced, [item.args, item.stream.highWaterMark]);
  else if (item.args.length === 1) lone = tasks.push(id, ONE_ARGUMENT + traced, item.args[0]) - 1;
  else tasks.push(id, ONE_CALL + traced, item.args);
  if (trace !== undefined) tasks.push(trace.wireContext());
  return lone;
}

/** Posts one `RUN` message, with its shared slabs, moving `transfer`. */
function send(
  worker: PoolWorker,
  definitions: Definitions | null,
  tasks: unknown[],
  slabs: PooledSlabs | undefined,
  transfer: TransferListItem[] | undefined,
): void {
  worker.handle.send([RUN, definitions, tasks, slabs?.message() ?? null], transfer);
}

/** The fallback of {@link sendTasks}: one message per task, so one bad argument fails only its own task. */
function sendOneByOne(
  worker: PoolWorker,
  items: WorkItem[],
  registry: TaskRegistry,
  fail: (item: WorkItem, error: unknown) => void,
): WorkItem[] {
  const accepted: WorkItem[] = [];
  for (const item of items) {
    const id = registry.idOf(item.fn);
    const definitions: Definitions | null = worker.knows(id) ? null : [id, registry.definition(id)];
    const task: unknown[] = [];
    let slabs: PooledSlabs | undefined;
    const lone = pushTask(task, id, item);
    if (item.pooled !== undefined) (slabs = new PooledSlabs()).add(item.pooled, lone < 0 ? undefined : item.args, task, lone);
    try {
      send(worker, definitions, task, slabs, item.moves);
    } catch (error) {
      fail(item, unsendable(error, 'the worker'));
      continue;
    }
    worker.learn(id);
    accepted.push(item);
  }
  return accepted;
}
