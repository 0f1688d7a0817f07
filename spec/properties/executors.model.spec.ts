import fc from 'fast-check';
import { ExecutorModel } from './model/ExecutorModel';
import { ExecutorSystem } from './model/ExecutorSystem';
import { drain, executorCommands } from './model/executorCommands';
import { executorKinds } from './support/executorKinds';
import { budget, commandsSettings, params } from './support/params';

// Model-based test of every executor kind: random sequences of submit, map, cancel, complete, fail, shutdown (with and
// without cancelFutures), wait (each returnWhen, with and without a zero timeout) and asCompleted run against the
// real executor and a reference model; after every step they must agree on each future's state, every done
// callback's call count, which tasks started and in what order, map's emissions and error, wait's partition,
// asCompleted's order, and whether shutdown() has resolved. At the end every future's value or error is compared.
describe.each(executorKinds)('$name agrees with the reference model', (kind) => {
  it(
    'on every future, callback, map, wait, asCompleted and shutdown, under any sequence of commands',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 3 }),
          fc.commands(executorCommands, commandsSettings(30)),
          fc.scheduler(),
          async (maxWorkers, commands, scheduler) => {
            const under = kind.create(maxWorkers, scheduler);
            const model = new ExecutorModel(maxWorkers, kind.eagerStart);
            const system = new ExecutorSystem(under);
            try {
              await fc.asyncModelRun(() => ({ model, real: system }), commands);
              await drain(model, system);
            } finally {
              under.gate.releaseAll();
              void under.executor.shutdown({ cancelFutures: true, wait: false });
            }
          },
        ),
        params(kind.runs),
      );
    },
    budget(25_000),
  );
});
