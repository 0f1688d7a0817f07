// piscina and tinypool worker: one named export per task, picked with the `name` run option.
import tasks from './tasks.cjs';

export const { double, fib, size, doubleAll, sumRecord, readBuffer } = tasks;
export default double;
