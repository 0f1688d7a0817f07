// Where the benchmark files are, and the versions of the systems measured (shown in the tables).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const rootDir = join(benchDir, '..');
export const workersDir = join(benchDir, 'workers');
export const tasksFile = join(workersDir, 'tasks.cjs');

/** The installed version of an npm package (peers) or of this package. */
export function packageVersion(name) {
  const file = name === 'rxfutures' ? join(rootDir, 'package.json') : join(rootDir, 'node_modules', name, 'package.json');
  return JSON.parse(readFileSync(file, 'utf8')).version;
}
