// The rxfutures/testing part of the runtime smoke: a fast-check property over every completion order of a
// mapOrdered pipeline on a SchedulerExecutor. Prints "ok ..." then "testing smoke done".
import fc from 'fast-check';
import { mapOrdered } from 'rxfutures/operators';
import { SchedulerExecutor, assertExecutorInvariants } from 'rxfutures/testing';
import { from, lastValueFrom, toArray } from 'rxjs';

await fc.assert(
  fc.asyncProperty(fc.scheduler(), fc.array(fc.integer(), { maxLength: 8 }), async (s, input) => {
    const executor = new SchedulerExecutor({ scheduler: s, maxWorkers: 3 });
    const output = await s.waitFor(lastValueFrom(from(input).pipe(mapOrdered(executor, async (n) => n * 2), toArray())));
    await s.waitFor(executor.shutdown());
    assertExecutorInvariants(executor);
    if (JSON.stringify(output) !== JSON.stringify(input.map((n) => n * 2))) throw new Error(`order lost: ${output}`);
  }),
  { numRuns: 50 },
);
console.log('ok rxfutures/testing: mapOrdered keeps order under 50 scheduled interleavings');
console.log('testing smoke done');
