import fc from 'fast-check';
import { CancelledError } from '../../src';
import { FutureModel, FutureSystem, futureCommands } from './model/FutureModel';
import { flush } from './support/flush';
import { budget, commandsSettings, params } from './support/params';

// Model-based test of the Future state machine: any sequence of executor-side calls (setRunningOrNotifyCancel,
// setResult, setException), cancel(), done callbacks, subscriptions (and unsubscriptions) and result() readers. After
// every call the state, its predicates, each return value (or InvalidStateError), and the ordered log of what every
// callback and subscriber heard must match the model: each hears exactly once, in the order it was added, and an
// unsubscribed one hears nothing. At the end every result() promise has settled exactly when the future is done.
describe('Future agrees with the reference state machine', () => {
  let unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => process.on('unhandledRejection', onUnhandled));
  afterAll(() => process.off('unhandledRejection', onUnhandled));

  it(
    'on state, return values, callbacks, subscribers and result(), under any sequence of calls',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.commands(futureCommands, commandsSettings(25)), async (commands) => {
          unhandled = [];
          const model = new FutureModel();
          const system = new FutureSystem();
          fc.modelRun(() => ({ model, real: system }), commands);
          await flush();
          for (const entry of system.results) {
            expect(entry.settled).toBe(model.done);
            if (!model.done) continue;
            if (model.state === 'CANCELLED') expect(entry.value).toBeInstanceOf(CancelledError);
            else expect([entry.failed, entry.value]).toEqual([model.outcome!.failed, model.outcome!.value]);
          }
          // A failed future nobody read keeps its error silently, as in Python.
          expect(unhandled).toEqual([]);
        }),
        params(400),
      );
    },
    budget(20_000),
  );
});
