import type { Redis } from './loadBullmq';

/** The clients already wrapped. */
const wrapped = new WeakSet<Redis>();

/**
 * Makes the commands `client` sends while replies are awaited leave together, one socket write per tick (the current
 * callback, the microtasks and the `process.nextTick` callbacks it queues), as Nagle's algorithm does for TCP: a
 * command sent while the connection has no reply outstanding is written at once, since nothing it could wait for is
 * under way, and Redis starts on it while this process goes on (a sequential round trip gains the rest of the tick at
 * each hop). A command sent while replies are awaited corks the socket, which is uncorked once the tick's callbacks
 * have run (two steps down the `process.nextTick` queue), writing everything sent meanwhile at once (`writev`).
 * On a loaded machine each write to Redis costs a system call that wakes the server, often more than the command
 * itself; a busy queue worker sends a job's start gate, BullMQ's next fetch and the completions of the jobs that
 * ended together in the same tick, and a busy client sends new jobs with the removals of the results it read.
 * Nothing waits longer than the tick it was sent in, so a command's reply comes as soon as without this, and the
 * order of commands on the connection is unchanged.
 *
 * Pipelines and transactions go through the same path, so they are coalesced too. Calling it twice on a client does
 * nothing more.
 *
 * @example
 * ```ts
 * const client = coalesceWrites(openRedis(target, 'rxfutures:client', onError));
 * void client.get('a'); // written at once: no reply was awaited
 * void client.get('b');
 * void client.get('c'); // one more write, at the end of the tick, carries both
 * ```
 */
export function coalesceWrites<T extends Redis>(client: T): T {
  if (wrapped.has(client)) return client;
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
  const corkTick = () => {
    const socket = (client as unknown as { stream?: { writable: boolean; cork(): void; uncork(): void } }).stream;
    if (corked !== undefined || socket === undefined || !socket.writable || client.status !== 'ready') return;
    socket.cork();
    corked = socket;
    process.nextTick(uncorkLater);
  };
  wrapped.add(client);
  client.sendCommand = function (this: Redis, command, stream) {
    // An idle connection (no reply outstanding: ioredis's queue of sent commands is empty) writes at once.
    if (awaitsReplies(this)) corkTick();
    return send.call(this, command, stream);
  };
  return client;
}

/**
 * `true` while `client` awaits replies to commands it sent (ioredis's queue of sent commands is not empty): a command
 * sent now by a client wrapped with {@link coalesceWrites} waits for the end of the tick; `false`, it leaves at once.
 *
 * @example
 * ```ts
 * if (!awaitsReplies(client)) void client.get('a'); // written at once
 * ```
 */
export function awaitsReplies(client: Redis): boolean {
  return (client as unknown as { commandQueue?: { length: number } }).commandQueue?.length !== 0;
}
