// The tasks module of the queue smoke's worker: its exports are the tasks, called by name.
export function square(n) {
  return n * n;
}
