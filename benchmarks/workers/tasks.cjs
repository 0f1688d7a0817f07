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

/** A chunk of trivial tasks in one message: how a pool without `map(chunksize)` is used for many small items. */
function doubleAll(xs) {
  return xs.map(double);
}

module.exports = { double, fib, size, doubleAll };
