// The raw floor shared by the worker_threads and child_process adapters: one message per task, round robin over
// the workers, replies matched by id. This is what a pool costs at the least when it sends each task on its own.
import { join } from 'node:path';
import { workersDir } from './paths.mjs';

export const rawWorkerFile = join(workersDir, 'raw-worker.cjs');

/**
 * A session over `endpoints`, each `{ send(message, transferList), onMessage(listener), close() }`.
 * `call(op, arg, { transfer })` sends `{ id, op, arg }` to the next endpoint and resolves with its reply.
 */
export function rawSession(endpoints) {
  const pending = new Map();
  let nextId = 0;
  let next = 0;
  for (const endpoint of endpoints) {
    endpoint.onMessage(({ id, result }) => {
      const resolve = pending.get(id);
      pending.delete(id);
      resolve(result);
    });
  }
  return {
    call(op, arg, options) {
      const id = nextId++;
      const endpoint = endpoints[next];
      next = (next + 1) % endpoints.length;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        endpoint.send({ id, op, arg }, options?.transfer ? [arg] : undefined);
      });
    },
    close: () => Promise.all(endpoints.map((endpoint) => endpoint.close())),
  };
}
