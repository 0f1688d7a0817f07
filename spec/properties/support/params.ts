import fc from 'fast-check';

/**
 * Case counts and replay for the property suite.
 *
 * - `RXF_DEEP=1` (`npm run test:deep`) multiplies every property's runs by 20; `RXF_DEEP=<n>` (n > 1) by n.
 * - `RXF_SEED=<seed> RXF_PATH=<path>` replays a failure printed by fast-check ("seed: ..., path: ..."): run the one
 *   file (and `-t '<test name>'`) with both set and the property starts from that counterexample. A model-based
 *   property also needs the commands' `replayPath` printed in the counterexample (`/*replayPath="BEAG:K"*\/`):
 *   `RXF_REPLAY_PATH=BEAG:K`.
 */
const deepSetting = Number(process.env.RXF_DEEP ?? 0);
export const DEEP_FACTOR = deepSetting > 1 ? deepSetting : deepSetting > 0 ? 20 : 1;

const seed = process.env.RXF_SEED === undefined ? undefined : Number(process.env.RXF_SEED);
const path = process.env.RXF_PATH;

/** fast-check parameters for a property that runs `numRuns` cases in `npm test`; each case is bounded by `caseMs`. */
export function params<T>(numRuns: number, caseMs = 5_000): fc.Parameters<T> {
  return {
    numRuns: numRuns * DEEP_FACTOR,
    // A case that hangs fails (and shrinks) like any other counterexample instead of stalling the suite.
    timeout: caseMs,
    ...(seed === undefined ? {} : { seed, path, endOnFailure: true }),
  };
}

/** The jest time bound of a property test: its budget in `npm test`, scaled like its case count. */
export function budget(ms: number): number {
  return ms * DEEP_FACTOR;
}

/** Constraints of `fc.commands`, with the replay path of a printed counterexample when `RXF_REPLAY_PATH` is set. */
export function commandsSettings(maxCommands: number): fc.CommandsContraints {
  const replayPath = process.env.RXF_REPLAY_PATH;
  return replayPath === undefined ? { maxCommands } : { maxCommands, replayPath };
}
