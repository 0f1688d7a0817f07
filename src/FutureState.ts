/**
 * The states of a {@link Future}, as in Python: `PENDING -> RUNNING -> FINISHED`, or `PENDING -> CANCELLED`.
 *
 * @example
 * ```ts
 * const future = new Future<number>();
 * future.state; // 'PENDING'
 * future.setRunningOrNotifyCancel();
 * future.state; // 'RUNNING'
 * ```
 */
export type FutureState = 'PENDING' | 'RUNNING' | 'FINISHED' | 'CANCELLED';
