/**
 * What {@link SchedulerExecutor} needs from a scheduler: fast-check's `fc.scheduler()` has this shape, and so can any
 * object of yours.
 *
 * The executor wraps each step it wants to take (a task starting, a task finishing) in `schedule(promise, label)`
 * and takes the step only once the returned promise resolves. A deterministic scheduler resolves them in the order
 * it chooses: fast-check picks them from the property's random seed, so a failing interleaving can be replayed.
 * The executor never imports fast-check: the scheduler comes from the caller.
 *
 * @example
 * ```ts
 * // fast-check's scheduler fits as is:
 * fc.assert(fc.asyncProperty(fc.scheduler(), async (s) => {
 *   const executor = new SchedulerExecutor({ scheduler: s });
 *   // ...
 * }));
 *
 * // a hand-written one: steps run in the order they were asked for, when you call step()
 * const steps: Array<() => void> = [];
 * const fifo: TaskScheduler = {
 *   schedule: (task, label) => new Promise((resolve) => steps.push(() => resolve(task))),
 * };
 * const step = () => steps.shift()?.();
 * ```
 */
export interface TaskScheduler {
  /** Resolves (or rejects) like `task`, but only when the scheduler decides that this step may happen. */
  schedule<T>(task: Promise<T>, label?: string): Promise<T>;
}
