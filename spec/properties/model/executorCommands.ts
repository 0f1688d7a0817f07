import fc from 'fast-check';
import { ALL_COMPLETED, ExecutorShutdownError, FIRST_COMPLETED, FIRST_EXCEPTION, type ReturnWhen } from '../../../src';
import { TaskFailure } from '../support/InProcessGate';
import type { ExecutorModel } from './ExecutorModel';
import type { ExecutorSystem } from './ExecutorSystem';

type Command = fc.AsyncCommand<ExecutorModel, ExecutorSystem>;

/** Runs one step on both sides, lets the executor and its consumers settle, and compares everything observable. */
abstract class Step implements Command {
  check(model: Readonly<ExecutorModel>): boolean {
    return model.tasks.length > 0;
  }

  async run(model: ExecutorModel, system: ExecutorSystem): Promise<void> {
    this.apply(model, system);
    await system.under.settle();
    model.quiesce();
    system.expectAgrees(model);
  }

  protected abstract apply(model: ExecutorModel, system: ExecutorSystem): void;
  abstract toString(): string;
}

class Submit extends Step {
  override check(): boolean {
    return true;
  }
  protected apply(model: ExecutorModel, system: ExecutorSystem): void {
    if (model.isShutdown) expect(() => system.submit(-1)).toThrow(ExecutorShutdownError);
    else system.submit(model.submit());
  }
  toString(): string {
    return 'submit';
  }
}

class MapCall extends Step {
  constructor(private readonly count: number) {
    super();
  }
  override check(): boolean {
    return true;
  }
  protected apply(model: ExecutorModel, system: ExecutorSystem): void {
    if (model.isShutdown) expect(() => system.map([])).toThrow(ExecutorShutdownError);
    else system.map(model.map(this.count).ids);
  }
  toString(): string {
    return `map(${this.count} tasks)`;
  }
}

class Cancel extends Step {
  constructor(private readonly pick: number) {
    super();
  }
  protected apply(model: ExecutorModel, system: ExecutorSystem): void {
    const id = this.pick % model.tasks.length;
    expect(system.futures[id]!.cancel()).toBe(model.cancel(id));
  }
  toString(): string {
    return `cancel(#${this.pick})`;
  }
}

class Finish extends Step {
  constructor(
    private readonly pick: number,
    private readonly failed: boolean,
  ) {
    super();
  }
  override check(model: Readonly<ExecutorModel>): boolean {
    return model.running.length > 0;
  }
  protected apply(model: ExecutorModel, system: ExecutorSystem): void {
    const id = model.running[this.pick % model.running.length]!;
    if (this.failed) {
      system.under.gate.fail(id, new TaskFailure(id));
      model.finish(id, { failed: true, failureOf: id });
    } else {
      system.under.gate.complete(id, id * 10);
      model.finish(id, { failed: false, value: id * 10 });
    }
  }
  toString(): string {
    return `${this.failed ? 'fail' : 'complete'}(running #${this.pick})`;
  }
}

class Shutdown extends Step {
  constructor(private readonly cancelFutures: boolean) {
    super();
  }
  override check(): boolean {
    return true;
  }
  protected apply(model: ExecutorModel, system: ExecutorSystem): void {
    system.shutdown(this.cancelFutures);
    model.shutdown(this.cancelFutures);
  }
  toString(): string {
    return `shutdown({ cancelFutures: ${this.cancelFutures} })`;
  }
}

class Wait extends Step {
  constructor(
    private readonly picks: number[],
    private readonly returnWhen: ReturnWhen,
    private readonly immediate: boolean,
  ) {
    super();
  }
  protected apply(model: ExecutorModel, system: ExecutorSystem): void {
    const ids = this.picks.map((pick) => pick % model.tasks.length);
    system.wait(ids, this.returnWhen, this.immediate);
    model.wait(ids, this.returnWhen, this.immediate);
  }
  toString(): string {
    return `wait([${this.picks.map((p) => `#${p}`).join(', ')}], ${this.returnWhen}${this.immediate ? ', timeout 0' : ''})`;
  }
}

class AsCompleted extends Step {
  constructor(private readonly picks: number[]) {
    super();
  }
  protected apply(model: ExecutorModel, system: ExecutorSystem): void {
    const ids = this.picks.map((pick) => pick % model.tasks.length);
    system.asCompleted(ids);
    model.asCompleted(ids);
  }
  toString(): string {
    return `asCompleted([${this.picks.map((p) => `#${p}`).join(', ')}])`;
  }
}

const pick = fc.nat({ max: 40 });
const picks = fc.array(pick, { minLength: 1, maxLength: 5 });
const returnWhen = fc.constantFrom<ReturnWhen>(FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED);

/** Every command of the executor model; `#n` picks a task (or a running task) by index modulo how many there are. */
export const executorCommands: Array<fc.Arbitrary<Command>> = [
  fc.constant(new Submit()),
  fc.nat({ max: 4 }).map((count) => new MapCall(count)),
  pick.map((p) => new Cancel(p)),
  fc.tuple(pick, fc.boolean()).map(([p, failed]) => new Finish(p, failed)),
  fc.tuple(pick, fc.boolean()).map(([p, failed]) => new Finish(p, failed)),
  fc.boolean().map((cancelFutures) => new Shutdown(cancelFutures)),
  fc.tuple(picks, returnWhen, fc.boolean()).map(([p, when, immediate]) => new Wait(p, when, immediate)),
  picks.map((p) => new AsCompleted(p)),
];

/**
 * After the commands: shut down and complete whatever still runs, step by step, checking agreement after each step,
 * then compare every future's final state and result. Leaves nothing pending.
 */
export async function drain(model: ExecutorModel, system: ExecutorSystem): Promise<void> {
  await new Shutdown(false).run(model, system);
  while (model.running.length > 0) await new Finish(0, false).run(model, system);
  expect(model.queue).toEqual([]);
  expect(system.shutdownResolved).toBe(true);
  await system.expectOutcomes(model);
  for (const subscription of system.subscriptions) subscription.unsubscribe();
}
