import type { TransferListItem } from 'node:worker_threads';
import { SerializationError } from '../../errors/SerializationError';
import { errorMessage } from '../../internal/errorMessage';
import type { TaskRegistry } from '../../tasks/TaskRegistry';
import { CHUNK, CHUNK_OF_ONE, ONE_ARGUMENT, PLAIN, RUN, STREAM, TASK_FIELDS, type Definitions } from '../../worker/protocol';
import { ARGUMENT_LISTS, SINGLE_ARGUMENTS, type WorkItem } from '../WorkItem';
import type { PoolWorker } from './PoolWorker';

/**
 * Sends started items to a worker in one `RUN` message, with the definitions of functions it has not seen. If the
 * batch cannot be cloned, the items are sent one by one and only those that cannot be sent fail (with a
 * {@link SerializationError}); the worker never sees them.
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
  for (const item of items) {
    let id: number;
    try {
      id = registry.idOf(item.fn);
    } catch (error) {
      fail(item, error);
      continue;
    }
    if (!worker.known.has(id)) {
      (definitions ??= []).push(id, registry.definition(id));
      worker.known.add(id);
    }
    if (item.chunk === SINGLE_ARGUMENTS) tasks.push(id, CHUNK_OF_ONE, item.args);
    else if (item.chunk === ARGUMENT_LISTS) tasks.push(id, CHUNK, item.args);
    else if (item.stream !== undefined) tasks.push(id, STREAM, [item.args, item.stream.highWaterMark]);
    else if (item.args.length === 1) tasks.push(id, ONE_ARGUMENT, item.args[0]);
    else tasks.push(id, PLAIN, item.args);
    if (item.options?.transfer !== undefined) (transfer ??= []).push(...item.options.transfer);
    encoded.push(item);
  }
  if (encoded.length === 0) return encoded;
  try {
    worker.handle.send([RUN, definitions, tasks], transfer);
    return encoded;
  } catch {
    for (let i = 0; i < (definitions?.length ?? 0); i += 2) worker.known.delete(definitions![i] as number);
    return sendOneByOne(worker, encoded, tasks, registry, fail);
  }
}

/** The fallback of {@link sendTasks}: one message per task, so one bad argument fails only its own task. */
function sendOneByOne(
  worker: PoolWorker,
  items: WorkItem[],
  tasks: unknown[],
  registry: TaskRegistry,
  fail: (item: WorkItem, error: unknown) => void,
): WorkItem[] {
  const accepted: WorkItem[] = [];
  items.forEach((item, index) => {
    const id = tasks[index * TASK_FIELDS] as number;
    const definitions: Definitions | null = worker.known.has(id) ? null : [id, registry.definition(id)];
    try {
      const task = tasks.slice(index * TASK_FIELDS, (index + 1) * TASK_FIELDS);
      worker.handle.send([RUN, definitions, task], item.options?.transfer as TransferListItem[] | undefined);
    } catch (error) {
      const message = `the task's arguments cannot be sent to the worker: ${errorMessage(error)}`;
      fail(item, new SerializationError(message, { cause: error }));
      return;
    }
    worker.known.add(id);
    accepted.push(item);
  });
  return accepted;
}
