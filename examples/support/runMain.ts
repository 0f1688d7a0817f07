/**
 * Runs an example's `main()`: an error is printed and sets the exit code, so `npm run examples` sees the failure.
 * So does a `main()` that never finishes: if the event loop runs dry while it is still pending (something it awaits
 * can never settle, Python's hang), the exit code is 1 and stderr says so.
 */
export function runMain(main: () => Promise<void>): void {
  // Node opens stdout lazily on first use, which can take milliseconds on a busy machine. Opening it now keeps that
  // delay out of the examples' timelines (a `map` timeout counts from the call, and the tasks it submitted start
  // only when the code after the call has run).
  process.stdout.write('');
  let finished = false;
  process.once('exit', () => {
    if (finished) return;
    console.error('main() never finished: the event loop ran dry while it was still waiting');
    process.exitCode = 1;
  });
  main().then(
    () => {
      finished = true;
    },
    (error: unknown) => {
      finished = true;
      console.error(error);
      process.exitCode = 1;
    },
  );
}
