/**
 * Runs an example's `main()`: an error is printed and sets the exit code, so `npm run examples` sees the failure.
 */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
