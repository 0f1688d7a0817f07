import fc from 'fast-check';
import { expectTypeOf } from 'expect-type';
import type { Executor, Future } from '../../src';
import type { SchedulerExecutor, TaskScheduler } from '../../src/testing';

describe('rxfutures/testing types', () => {
  it('accepts fast-check’s scheduler as a TaskScheduler, structurally', () => {
    expectTypeOf<fc.Scheduler>().toMatchTypeOf<TaskScheduler>();
    // schedule() must hand back the task's own type: a scheduler that loses it does not fit.
    expectTypeOf<{ schedule: (task: Promise<unknown>) => Promise<unknown> }>().not.toMatchTypeOf<TaskScheduler>();
  });

  it('is an Executor, with submit typed from the task', () => {
    expectTypeOf<SchedulerExecutor>().toMatchTypeOf<Executor>();
    const submit = (executor: SchedulerExecutor) => executor.submit((a: number, b: string) => `${b}${a}`, 1, 'x');
    expectTypeOf(submit).returns.toEqualTypeOf<Future<string>>();
    // @ts-expect-error wrong argument type
    void ((executor: SchedulerExecutor) => executor.submit((a: number) => a, 'one'));
  });
});
