/** Lets every pending microtask and I/O callback run: the in-process executors settle within one turn. */
export async function flush(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setImmediate(resolve));
}
