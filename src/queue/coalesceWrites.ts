import type { Redis } from './loadBullmq';

/** The clients already wrapped. */
const wrapped = new WeakSet<Redis>();

/**
 * Makes every command `client` sends in one tick (the current callback, the microtasks and the `process.nextTick`
 * callbacks it queues) leave in one socket write: the first command corks the socket, and the socket is uncorked
 * once those have run (two steps down the `process.nextTick` queue), which writes all of them at once (`writev`).
 * On a loaded machine each write to Redis costs a system call that wakes the server, often more than the command
 * itself; a queue worker sends a job's start gate, BullMQ's next fetch and the completions of the jobs that ended
 * together in the same tick, and a client sends new jobs with the removals of the results it read. Nothing waits
 * longer than the tick it was sent in, so a command's reply comes as soon as without this, and the order of commands
 * on the connection is unchanged.
 *
 * Pipelines and transactions go through the same path, so they are coalesced too. Calling it twice on a client does
 * nothing more.
 *
 * @example
 * ```ts
 * const client = coalesceWrites(openRedis(target, 'rxfutures:client', onError));
 * void client.get('a');
 * void client.get('b'); // one write carries both
 * ```
 */
export function coalesceWrites<T extends Redis>(client: T): T {
  if (wrapped.has(client)) return client;
  wrapped.add(client);
  const send = client.sendCommand;
  let corked: { uncork(): void } | undefined;
  const uncork = () => {
    const socket = corked;
    corked = undefined;
    socket?.uncork();
  };
  // One more step in the same drain of the tick queue: commands that callbacks queued with process.nextTick send
  // after this one was queued (a worker's gathered start gates) still join the write.
  const uncorkLater = () => process.nextTick(uncork);
  client.sendCommand = function (this: Redis, command, stream) {
    const socket = (this as unknown as { stream?: { writable: boolean; cork(): void; uncork(): void } }).stream;
    if (corked === undefined && socket !== undefined && socket.writable && this.status === 'ready') {
      socket.cork();
      corked = socket;
      process.nextTick(uncorkLater);
    }
    return send.call(this, command, stream);
  };
  return client;
}
