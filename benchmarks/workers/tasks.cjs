'use strict';
// The task bodies every system runs, so each measures its own overhead and not different work.
// CommonJS so that every peer can load it: piscina/tinypool (import), workerpool/threads.js (require), raw workers.

/** The trivial task: the cost measured is the pool's, not the task's. */
function double(x) {
  return x * 2;
}

/** The CPU-bound task: a fixed recursive Fibonacci, pure JavaScript, no allocation. */
function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/** The payload task: reports the size it received, so the buffer crosses one way only. */
function size(buffer) {
  return buffer.byteLength;
}

/** A task with an object argument `{ id, values }`: the argument must be copied to reach the worker. */
function sumRecord(record) {
  let sum = record.id;
  for (const value of record.values) sum += value;
  return sum;
}

/** A task with a 4 KB buffer argument: it reads the number stored in the first four bytes (little-endian). */
function readBuffer(bytes) {
  return (bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0;
}

/** A chunk of trivial tasks in one message: how a pool without `map(chunksize)` is used for many small items. */
function doubleAll(xs) {
  return xs.map(double);
}

module.exports = { double, fib, size, doubleAll, sumRecord, readBuffer };
