import { Future } from '../../src';
import type { SchedulerExecutor, TaskRecord } from '../../src/testing';

/** A stand-in executor holding hand-made records, to show that the assertions catch what a broken executor would do. */
export function withRecords(maxWorkers: number, records: Array<Partial<TaskRecord> & { label: string }>): SchedulerExecutor {
  const full = records.map(
    (record, id): TaskRecord => ({
      id,
      future: new Future<unknown>(),
      submittedAt: id,
      startedAt: undefined,
      settledAt: undefined,
      settleCount: 0,
      concurrency: undefined,
      ...record,
    }),
  );
  return { maxWorkers, records: full } as unknown as SchedulerExecutor;
}

/** A future in the given final state. */
export function settled(state: 'FINISHED' | 'CANCELLED'): Future<unknown> {
  const future = new Future<unknown>();
  if (state === 'CANCELLED') future.cancel();
  else future.setResult(undefined);
  return future;
}
