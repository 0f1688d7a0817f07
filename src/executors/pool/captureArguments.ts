import { types } from 'node:util';
import type { TransferListItem } from 'node:worker_threads';
import { SerializationError } from '../../errors/SerializationError';
import { errorMessage } from '../../internal/errorMessage';
import { ONE_CALL, SINGLE_ARGUMENTS } from '../../tasks/callShapes';
import type { WorkItem } from '../WorkItem';
import type { CopyRules, TakenArguments } from './CopyRules';
import { ROOT } from './PooledBuffer';
import { Refusal } from './Refusal';
import { isReference, StructuredCopy } from './StructuredCopy';

/**
 * An argument taken ahead of its task's submission (a value of a `map` chunk or of an operator) that carries more
 * than its copy: the buffers to move when its task is sent, or the error that fails its task when it is submitted.
 * Plain copies travel as they are; only these are wrapped.
 */
class TakenArgument {
  constructor(
    readonly value: unknown,
    readonly moves: TransferListItem[] | undefined,
    readonly pooled: unknown[] | undefined,
    readonly lent: ArrayBuffer[] | undefined,
    readonly failure: SerializationError | undefined,
  ) {}
}

/** A copy as it is, or wrapped with what travels beside it (see {@link TakenArgument}). */
function wrapped(
  copy: unknown,
  moves: TransferListItem[] | undefined,
  pooled: unknown[] | undefined,
  lent: ArrayBuffer[] | undefined,
): unknown {
  if (moves === undefined && pooled === undefined && lent === undefined) return copy;
  return new TakenArgument(copy, moves, pooled, lent, undefined);
}

/** `true` if some argument is not a primitive that can be sent as it is (numbers, strings, booleans, bigints...). */
function hasReferences(args: readonly unknown[]): boolean {
  for (let i = 0; i < args.length; i++) if (isReference(args[i])) return true;
  return false;
}

/**
 * The `SerializationError` of a task whose arguments cannot be sent, with the transport's error as its cause.
 *
 * @example
 * ```ts
 * future.setException(unsendable(error, 'the worker'));
 * ```
 */
export function unsendable(error: unknown, destination: string): SerializationError {
  if (error instanceof Refusal) return new SerializationError(`the task's arguments cannot be sent to ${destination}: ${error.reason}`);
  return new SerializationError(`the task's arguments cannot be sent to ${destination}: ${errorMessage(error)}`, { cause: error });
}

/**
 * A copy of one call's arguments as the transport would deliver them, with the copied buffers to move when the task
 * is sent and the small ones that travel pooled. What the quick copy cannot take (a throwing getter, a value the
 * transport refuses, a stack too deep) goes to the transport's own copy, which gives the same copy or the error
 * sending would throw.
 *
 * @example
 * ```ts
 * const { args, moves, pooled } = copyArguments([{ id: 1 }, scratch], rules);
 * ```
 * @throws the transport's error (a DataCloneError), a getter's error, or a {@link Refusal}.
 */
export function copyArguments(args: readonly unknown[], rules: CopyRules): TakenArguments {
  const copy = new StructuredCopy(rules);
  try {
    return { args: copy.list(args), moves: copy.moves, pooled: copy.pooled, lent: copy.lent };
  } catch (error) {
    if (error instanceof Refusal) throw error;
    return { args: rules.exact(args) as unknown[], moves: undefined, pooled: undefined, lent: undefined };
  }
}

/**
 * Throws the DataCloneError a copy would throw if the transfer list holds an ArrayBuffer detached already:
 * postMessage and structuredClone transfer it without a word, and the task would get an empty buffer.
 *
 * @example
 * ```ts
 * checkAttached(options.transfer); // before moving or detaching anything
 * ```
 */
export function checkAttached(transfer: readonly TransferListItem[]): void {
  for (const item of transfer) {
    // A detached buffer has no bytes; copying an empty one that is not detached costs nothing.
    if (types.isArrayBuffer(item) && item.byteLength === 0) structuredClone(item);
  }
}

/**
 * Takes one argument (or, with `list`, one argument list that the caller owns) for a task to be submitted later:
 * primitives as they are, anything else as a copy made now. A copy that must be moved, or that failed, comes back
 * wrapped, for {@link captureItem} to unwrap when the task is submitted with `taken`.
 *
 * @example
 * ```ts
 * waiting.push(takeArgument(value, rules, false)); // the value as it is now, whatever the caller does to it later
 * ```
 */
export function takeArgument(value: unknown, rules: CopyRules, list: boolean): unknown {
  if (list ? !hasReferences(value as unknown[]) : !isReference(value)) return value;
  try {
    if (list) {
      const { args, moves, pooled, lent } = copyArguments(value as unknown[], rules);
      return wrapped(args, moves, pooled, lent);
    }
    const copy = new StructuredCopy(rules);
    return wrapped(copy.value(value), copy.moves, copy.pooled, copy.lent);
  } catch (error) {
    if (!list && !(error instanceof Refusal)) {
      try {
        return rules.exact(value);
      } catch (exactError) {
        error = exactError;
      }
    }
    return new TakenArgument(undefined, undefined, undefined, undefined, unsendable(error, rules.destination));
  }
}

/**
 * Takes a work item's arguments when it is submitted, so that its task sees them as they are now: copies them
 * (primitives need none), detaches the buffers of its `transfer` list, and sets `item.args` to the copy, and
 * `item.moves`, `item.pooled` and `item.lent` to what travels beside it. An item whose arguments were taken already
 * (`item.taken`) is only unwrapped. Returns the error that fails the item at once, if its arguments cannot be sent.
 *
 * @example
 * ```ts
 * const failure = captureItem(item, this.copyRules);
 * if (failure !== undefined) return this.finishItem(item, true, failure);
 * ```
 */
export function captureItem(item: WorkItem, rules: CopyRules): SerializationError | undefined {
  if (item.taken) return unwrap(item);
  const transfer = item.options?.transfer;
  try {
    if (transfer !== undefined && transfer.length > 0) {
      take(item, rules.transfer(item.args, transfer));
    } else if (item.chunk === ONE_CALL) {
      if (hasReferences(item.args)) take(item, copyArguments(item.args, rules));
    } else {
      const list = item.chunk !== SINGLE_ARGUMENTS;
      item.args = item.args.map((call) => takeArgument(call, rules, list));
      return unwrap(item);
    }
  } catch (error) {
    return unsendable(error, rules.destination);
  }
  return undefined;
}

/** Sets an item's arguments to their copy, and what travels beside it. */
function take(item: WorkItem, { args, moves, pooled, lent }: TakenArguments): void {
  item.args = args;
  item.moves = moves;
  item.pooled = pooled;
  item.lent = lent;
}

/**
 * Replaces the taken arguments of an item by their copies, gathering what travels beside them (a pooled buffer taken
 * as the argument itself goes to its slot of the item's arguments); the first failure fails the item.
 */
function unwrap(item: WorkItem): SerializationError | undefined {
  const args = item.args;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!(arg instanceof TakenArgument)) continue;
    if (arg.failure !== undefined) return arg.failure;
    args[i] = arg.value;
    if (arg.moves !== undefined) (item.moves ??= []).push(...arg.moves);
    if (arg.lent !== undefined) (item.lent ??= []).push(...arg.lent);
    const pooled = arg.pooled;
    if (pooled === undefined) continue;
    const places = (item.pooled ??= []);
    for (let j = 0; j < pooled.length; j += 3) {
      if (pooled[j] === ROOT) places.push(args, i, pooled[j + 2]);
      else places.push(pooled[j], pooled[j + 1], pooled[j + 2]);
    }
  }
  return undefined;
}
