'use strict';
// threads.js worker: exposes the tasks as methods of the spawned worker.
const { expose } = require('threads/worker');
const { double, fib, size, doubleAll } = require('./tasks.cjs');

expose({ double, fib, size, doubleAll });
