/**
 * Runs an example's `main()`: an error is printed and sets the exit code, so `npm run examples` sees the failure.
 */
export function runMain(main: () => Promise<void>): void {
  // Node opens stdout lazily on first use, which can take tens of milliseconds on a busy machine. Opening it now
  // keeps that delay out of the examples' timelines (a `map` timeout counts from the call, and the tasks it
  // submitted start only when the code after the call has run).
  process.stdout.write('');
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
