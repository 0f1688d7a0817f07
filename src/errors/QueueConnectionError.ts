import { BrokenExecutor } from './BrokenExecutor';

/**
 * A `QueueExecutor` lost Redis for longer than its `connectionTimeout` (or never reached it): every future still
 * waiting fails with this error and later submissions throw it. Jobs already in Redis are left as they are; their
 * results expire after `keepResultsMs`. The message names the server without its password; the Redis client's last
 * error is the `cause`.
 *
 * @example
 * ```ts
 * const error = await ex.submit(hash, 'text').exception();
 * if (error instanceof QueueConnectionError) console.error('Redis is gone:', error.message);
 * ```
 */
export class QueueConnectionError extends BrokenExecutor {}
