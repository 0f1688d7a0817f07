import { join } from 'node:path';

/**
 * The file a pool starts its workers with: the compiled `workerMain.js` next to this module, which runs the rxfutures
 * worker runtime in a worker thread (messages on `parentPort`) or in a child process forked with an IPC channel. When
 * this module runs from TypeScript source (tests under ts-jest), the compiled copy in `dist/cjs` is used, since a
 * worker cannot load `.ts` files by itself (`npm run build` first).
 *
 * @example
 * ```ts
 * const child = fork(runtimePath(), [name], { serialization: 'advanced' }); // in a PoolExecutor subclass's startWorker
 * ```
 */
export function runtimePath(): string {
  if (__filename.endsWith('.ts')) return join(__dirname, '..', '..', 'dist', 'cjs', 'src', 'worker', 'workerMain.js');
  return join(__dirname, 'workerMain.js');
}
