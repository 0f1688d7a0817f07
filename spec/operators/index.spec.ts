import { expectTypeOf } from 'expect-type';
import { from, type Observable } from 'rxjs';
import type { Future } from '../../src/Future';
import { AsyncExecutor } from '../../src/executors/AsyncExecutor';
import { moduleTask } from '../../src/tasks/moduleTask';
import * as operators from '../../operators';

describe('rxfutures/operators entry', () => {
  it('exports the four operators', () => {
    expect(Object.keys(operators).sort()).toEqual(['asCompleted', 'mapOrdered', 'mapUnordered', 'waitFirst']);
  });

  it('infers result types from the task, awaiting promises (type test)', async () => {
    const executor = new AsyncExecutor({ maxWorkers: 1 });
    const numbers = from([1, 2]);
    expectTypeOf(numbers.pipe(operators.mapOrdered(executor, async (n: number) => String(n)))).toEqualTypeOf<Observable<string>>();
    expectTypeOf(numbers.pipe(operators.mapUnordered(executor, (n: number) => n > 1))).toEqualTypeOf<Observable<boolean>>();
    const double = moduleTask<(n: number) => Promise<number>>('/tasks/double.js', 'double');
    expectTypeOf(numbers.pipe(operators.mapOrdered(executor, double))).toEqualTypeOf<Observable<number>>();
    const futures = from([executor.submit(() => 'x')]);
    expectTypeOf(futures.pipe(operators.asCompleted())).toEqualTypeOf<Observable<Future<string>>>();
    expectTypeOf(futures.pipe(operators.waitFirst({ cancelOthers: true }))).toEqualTypeOf<Observable<Future<string>>>();
    // @ts-expect-error: the task takes a number, the source gives strings
    from(['a']).pipe(operators.mapOrdered(executor, (n: number) => n));
    await executor.shutdown();
  });
});
