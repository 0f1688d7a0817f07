import fc from 'fast-check';
import type { Subscription } from 'rxjs';
import { CancelledError, Future, InvalidStateError, type FutureState } from '../../../src';

/** Python's future state machine, written as plainly as possible. */
export class FutureModel {
  state: FutureState = 'PENDING';
  outcome: { failed: boolean; value: unknown } | undefined;
  /** Listeners in the order they were added; `undefined` entries were removed (unsubscribed). */
  readonly listeners: Array<string | undefined> = [];
  /** What the listeners reported, in order: `cb0`, `sub1 next 5`, `sub1 complete`, `sub2 error CancelledError`... */
  readonly log: string[] = [];
  subscribers = 0;
  callbacks = 0;

  get done(): boolean {
    return this.state === 'FINISHED' || this.state === 'CANCELLED';
  }

  settle(state: FutureState, outcome?: { failed: boolean; value: unknown }): void {
    this.state = state;
    this.outcome = outcome;
    for (const listener of this.listeners.splice(0)) if (listener !== undefined) this.report(listener);
  }

  /** What a listener added now hears, at once if the future is done. */
  listen(name: string): number {
    if (!this.done) return this.listeners.push(name) - 1;
    this.report(name);
    return -1;
  }

  private report(name: string): void {
    if (name.startsWith('cb')) this.log.push(name);
    else if (this.state === 'CANCELLED') this.log.push(`${name} error CancelledError`);
    else if (this.outcome!.failed) this.log.push(`${name} error ${String(this.outcome!.value)}`);
    else this.log.push(`${name} next ${String(this.outcome!.value)}`, `${name} complete`);
  }
}

/** The real future with everything its readers observed. */
export class FutureSystem {
  readonly future = new Future<unknown>();
  readonly log: string[] = [];
  readonly subscriptions: Array<{ subscription: Subscription; index: number }> = [];
  readonly results: Array<{ settled: boolean; failed: boolean; value: unknown }> = [];
}

type Command = fc.Command<FutureModel, FutureSystem>;

/** Calls `act` on the real future and checks it returns what the model returns, or throws InvalidStateError when it does. */
function same<T>(act: () => T, expected: T | typeof InvalidStateError): void {
  if (expected === InvalidStateError) expect(act).toThrow(InvalidStateError);
  else expect(act()).toBe(expected);
}

function command(name: string, check: (m: Readonly<FutureModel>) => boolean, run: Command['run']): Command {
  return {
    check,
    run: (model, system) => {
      run(model, system);
      const { future } = system;
      expect([future.state, future.done(), future.cancelled(), future.running()]).toEqual([
        model.state,
        model.done,
        model.state === 'CANCELLED',
        model.state === 'RUNNING',
      ]);
      expect(system.log).toEqual(model.log);
    },
    toString: () => name,
  };
}

const always = () => true;
const failure = (n: number) => new Error(`failure ${n}`);

export const futureCommands: Array<fc.Arbitrary<Command>> = [
  fc.constant(
    command('setRunningOrNotifyCancel()', always, (model, system) => {
      const expected = model.state === 'PENDING' ? true : model.state === 'CANCELLED' ? false : InvalidStateError;
      same(() => system.future.setRunningOrNotifyCancel(), expected);
      if (expected === true) model.state = 'RUNNING';
    }),
  ),
  fc.nat({ max: 9 }).map((value) =>
    command(`setResult(${value})`, always, (model, system) => {
      same(() => system.future.setResult(value), model.done ? InvalidStateError : undefined);
      if (!model.done) model.settle('FINISHED', { failed: false, value });
    }),
  ),
  fc.nat({ max: 9 }).map((n) =>
    command(`setException(failure ${n})`, always, (model, system) => {
      const error = failure(n);
      same(() => system.future.setException(error), model.done ? InvalidStateError : undefined);
      if (!model.done) model.settle('FINISHED', { failed: true, value: error });
    }),
  ),
  fc.constant(
    command('cancel()', always, (model, system) => {
      const expected = model.state === 'PENDING' || model.state === 'CANCELLED';
      same(() => system.future.cancel(), expected);
      if (model.state === 'PENDING') model.settle('CANCELLED');
    }),
  ),
  fc.constant(
    command('addDoneCallback()', always, (model, system) => {
      const name = `cb${model.callbacks++}`;
      system.future.addDoneCallback((f) => {
        expect(f).toBe(system.future);
        system.log.push(name);
      });
      model.listen(name);
    }),
  ),
  fc.constant(
    command('subscribe()', always, (model, system) => {
      const name = `sub${model.subscribers++}`;
      const subscription = system.future.subscribe({
        next: (value) => system.log.push(`${name} next ${String(value)}`),
        error: (error: unknown) =>
          system.log.push(`${name} error ${error instanceof CancelledError ? 'CancelledError' : String(error)}`),
        complete: () => system.log.push(`${name} complete`),
      });
      system.subscriptions.push({ subscription, index: model.listen(name) });
    }),
  ),
  fc.nat().map((pick) =>
    command(
      `unsubscribe(#${pick})`,
      (m) => m.subscribers > 0,
      (model, system) => {
        const { subscription, index } = system.subscriptions[pick % system.subscriptions.length]!;
        subscription.unsubscribe();
        if (!model.done && index >= 0) model.listeners[index] = undefined;
      },
    ),
  ),
  fc.constant(
    command('result()', always, (_model, system) => {
      const entry = { settled: false, failed: false, value: undefined as unknown };
      system.results.push(entry);
      system.future.result().then(
        (value) => Object.assign(entry, { settled: true, value }),
        (error: unknown) => Object.assign(entry, { settled: true, failed: true, value: error }),
      );
    }),
  ),
];
