// The clock a worker's span times travel in (issue 15). `performance.now()` counts from each thread's or process's
// own start, so a worker's reading means nothing to its pool; `performance.timeOrigin + performance.now()` is
// anchored to the wall clock at each start, which NTP may have moved between the starts of two workers. The
// machine's monotonic clock (`process.hrtime`, CLOCK_MONOTONIC on Linux) is one clock for every thread and process
// of the machine, and never steps.

/** This thread's `performance.now()` minus {@link machineTime}: a constant, both reading one clock. */
let localOffset: number | undefined;

/**
 * Milliseconds on the machine's monotonic clock, with sub-microsecond precision: comparable between the threads and
 * processes of one machine (not between machines, nor with `Date.now()`).
 *
 * @example
 * ```ts
 * const start = machineTime();
 * run();
 * send([start, machineTime()]); // the pool reads them with toLocalTime
 * ```
 */
export function machineTime(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1e3 + nanoseconds / 1e6;
}

/**
 * A {@link machineTime} reading, from any thread or process of this machine, as this thread's `performance.now()`
 * would have read at that moment: what an OpenTelemetry span takes as a time.
 *
 * @example
 * ```ts
 * span.end(toLocalTime(workerEnd));
 * ```
 */
export function toLocalTime(machineMs: number): number {
  localOffset ??= performance.now() - machineTime();
  return machineMs + localOffset;
}
