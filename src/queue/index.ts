/**
 * rxfutures/queue: the Executor API over a BullMQ queue in Redis, with workers on any number of machines.
 *
 * {@link QueueExecutor} submits tasks as jobs and settles their futures from one subscription; {@link runWorker}
 * (or `npx rxfutures worker`) runs them on each machine's local pool; {@link namedTask} names a task the workers
 * export. bullmq and ioredis are optional peer dependencies: install them to use this entry (`npm install bullmq
 * ioredis`); the main entry never loads them.
 *
 * @example
 * ```ts
 * import { QueueExecutor, namedTask, runWorker } from 'rxfutures/queue';
 * import type * as tasks from './tasks.js';
 *
 * const worker = await runWorker({ queue: 'render', tasks: new URL('./tasks.js', import.meta.url), pool: 'threads' });
 * await using ex = new QueueExecutor({ queue: 'render' });
 * const hash = namedTask<typeof tasks.hash>('hash');
 * console.log(await ex.submit(hash, 'text'));
 * await worker.close();
 * ```
 * @packageDocumentation
 */
export { QueueExecutor, type QueueExecutorOptions, type QueueFuture } from './QueueExecutor';
export { namedTask } from './namedTask';
export { runWorker, type QueueWorker, type RunWorkerOptions, type WorkerPoolKind } from './runWorker';
export type { QueueConnection, QueueConnectionOptions } from './connection';
export { QueueConnectionError, JobLostError, WorkerLostError, TaskRefusedError, ExecutorShutdownError } from './executorSurface';
