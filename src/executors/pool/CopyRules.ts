import type { TransferListItem } from 'node:worker_threads';
import type { ByteSlab } from './ByteSlab';
import type { SpareBuffers } from './SpareBuffers';

/** The options of the global `structuredClone` (its transfer list type is not exported under a global name). */
export type CloneOptions = NonNullable<Parameters<typeof structuredClone>[1]>;

/**
 * How a worker pool's transport copies a task's arguments, so that a pool can take them at submit exactly as its
 * transport would deliver them later: what a `StructuredCopy` needs to know of the channel behind it.
 *
 * @example
 * ```ts
 * const rules: CopyRules = { destination: 'the worker', exact: structuredClone, views: 'whole', sharesMemory: true,
 *   pooledBelow: 16384, slab: new ByteSlab(true), moves: true, lendBelow: 131072, spares: new SpareBuffers(),
 *   refuse: () => undefined, transfer: (args, list) => ... };
 * ```
 */
export interface CopyRules {
  /** Where the arguments go, for messages: "the worker", "a child process". */
  readonly destination: string;
  /**
   * The transport's own copy of a value: what its worker would receive, or the error sending it would throw. The
   * reference for everything a `StructuredCopy` does not copy itself (class instances, errors, host objects).
   */
  exact(value: unknown): unknown;
  /**
   * How a typed array or DataView travels: `'whole'` with its entire ArrayBuffer and its offset in it (postMessage's
   * structured clone), `'own'` with its own bytes only (child_process's serializer, where a Buffer stays a Buffer).
   */
  readonly views: 'whole' | 'own';
  /** `true` if SharedArrayBuffers are shared with the worker (threads): they are passed, not copied. */
  readonly sharesMemory: boolean;
  /**
   * Buffers smaller than this (bytes) are copied into `slab`, with other small copies, rather than into an
   * ArrayBuffer of their own each, which costs more than copying a few KiB.
   */
  readonly pooledBelow: number;
  /** Where small copies go: shared slabs the worker copies them out of (threads), or plain ones (processes). */
  readonly slab: ByteSlab;
  /**
   * `true` if a copy in an ArrayBuffer of its own is moved to the worker when the task is sent (transferred: the copy
   * is the pool's own, so nothing needs it afterwards) rather than copied a second time.
   */
  readonly moves: boolean;
  /**
   * Copies of at least `pooledBelow` bytes and smaller than this are made in buffers lent by `spares`, which the
   * transport copies again when their task is sent and which are given back once it is answered, rather than in
   * fresh buffers (moved to the worker where `moves`): for tens of KiB, a fresh allocation and its release cost more
   * than a second copy. 0 for none.
   */
  readonly lendBelow: number;
  /**
   * Buffers of at least this many bytes, where views travel with their own bytes (`views: 'own'`), are described
   * beside the message as pooled buffers are (each copy its own slab), rather than left in place, so the transport
   * may send their bytes another way than in the message (a child process's bulk file). Those in a Map's or Set's
   * entry stay in place. @default `Infinity` (none)
   */
  readonly bulkFrom?: number;
  /** Where the lent buffers come from and go back to (see `lendBelow`). */
  readonly spares: SpareBuffers | undefined;
  /**
   * Why this object can never reach the worker (a sentence that follows "argument 2 is"), or `undefined`: a quick
   * check run on every object the copy meets, for values the transport would otherwise mangle without a word.
   */
  refuse(value: object): string | undefined;
  /**
   * Takes the arguments of a `submitWith({ transfer })`: the items of `transfer` are detached from the caller now
   * (moved into the pool's hands, or copied and then detached), and the arguments are copied. Returns the arguments
   * as the worker will see them and the items to transfer when the task is sent. Throws what the transport would.
   */
  transfer(args: unknown[], transfer: readonly TransferListItem[]): TakenArguments;
}

/**
 * What taking an argument list gives: the copy, and what travels beside it (see `StructuredCopy`): the copied buffers
 * to move when the task is sent, where its pooled small buffers go back, and the lent buffers to give back once it is
 * answered.
 *
 * @example
 * ```ts
 * const { args, moves, pooled }: TakenArguments = rules.transfer(item.args, transfer);
 * ```
 */
export interface TakenArguments {
  args: unknown[];
  moves: TransferListItem[] | undefined;
  pooled: unknown[] | undefined;
  lent: ArrayBuffer[] | undefined;
}
