'use strict';
// workerpool worker (thread and process types): registers the tasks by name.
const workerpool = require('workerpool');
const { double, fib, size, doubleAll, sumRecord, readBuffer } = require('./tasks.cjs');

workerpool.worker({ double, fib, size, doubleAll, sumRecord, readBuffer });
