'use strict';
// poolifier cluster worker: the shared task bodies, registered by name. CommonJS on purpose: an ES module worker
// loads asynchronously, and the pool's start-up message can arrive before poolifier listens for it (the worker then
// never answers).
const { ClusterWorker } = require('poolifier');
const tasks = require('./tasks.cjs');

module.exports = new ClusterWorker(tasks);
