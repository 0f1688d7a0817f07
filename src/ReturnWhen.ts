/**
 * Return when any future finishes or is cancelled.
 *
 * @example
 * ```ts
 * const { done, notDone } = await wait(futures, { returnWhen: FIRST_COMPLETED });
 * ```
 */
export const FIRST_COMPLETED = 'FIRST_COMPLETED';

/**
 * Return when any future finishes by raising an error; if none does, this is {@link ALL_COMPLETED}.
 *
 * @example
 * ```ts
 * const { done } = await wait(futures, { returnWhen: FIRST_EXCEPTION });
 * ```
 */
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';

/**
 * Return when every future is finished or cancelled (the default of {@link wait}).
 *
 * @example
 * ```ts
 * await wait(futures, { returnWhen: ALL_COMPLETED });
 * ```
 */
export const ALL_COMPLETED = 'ALL_COMPLETED';

/**
 * When {@link wait} returns: {@link FIRST_COMPLETED}, {@link FIRST_EXCEPTION} or {@link ALL_COMPLETED}.
 *
 * @example
 * ```ts
 * const when: ReturnWhen = FIRST_COMPLETED;
 * ```
 */
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;
