/**
 * The concurrent downloader with `map()` (Mouse vs Python): the same five downloads, two lines shorter. `map` gives a
 * `timeout` (60 s here, in milliseconds as everywhere in rxfutures) for the whole batch, and yields the messages in
 * the order of the URLs. As in Python, `main` returns the results from inside the executor's scope: leaving the
 * scope waits for every download, and the results are read afterwards.
 *
 * Executor: AsyncExecutor, because downloading is I/O (see concurrent-downloader.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AsyncExecutor } from '../src';
import { downloader, formUrls } from './support/downloader';
import { startLocalFileServer } from './support/localFileServer';
import { runMain } from './support/runMain';

// expect: Finished downloading f1040.pdf
// expect: Finished downloading f1040a.pdf
// expect: Finished downloading f1040ez.pdf
// expect: Finished downloading f1040es.pdf
// expect: Finished downloading f1040sb.pdf

async function main(urls: string[], directory: string) {
  await using executor = new AsyncExecutor({ maxWorkers: 5 });
  return executor.map(downloader, urls, urls.map(() => directory), { timeout: 60_000 });
}

runMain(async () => {
  const server = await startLocalFileServer();
  const directory = await mkdtemp(join(tmpdir(), 'rxfutures-downloads-'));
  try {
    const urls = formUrls(server.origin);
    const results = await main(urls, directory);
    for await (const result of results) console.log(result);
  } finally {
    await rm(directory, { recursive: true, force: true });
    await server.close();
  }
});
