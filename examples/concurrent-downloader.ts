/**
 * The concurrent downloader (Mouse vs Python, "Creating a Pool"): five downloads submitted at once, their messages
 * printed with `asCompleted()` as each download finishes. The files come from a small HTTP server that the example
 * starts on 127.0.0.1, never from the internet, and land in a temporary directory that is removed afterwards.
 *
 * Executor: AsyncExecutor. Downloading is I/O: the event loop waits on five sockets at once without any thread, which
 * is exactly the job Python gives its ThreadPoolExecutor here.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AsyncExecutor, asCompleted } from '../src';
import { downloader, formUrls } from './support/downloader';
import { startLocalFileServer } from './support/localFileServer';
import { runMain } from './support/runMain';

// expect-any: Finished downloading f1040.pdf
// expect-any: Finished downloading f1040a.pdf
// expect-any: Finished downloading f1040ez.pdf
// expect-any: Finished downloading f1040es.pdf
// expect-any: Finished downloading f1040sb.pdf

async function main(urls: string[], directory: string): Promise<void> {
  await using executor = new AsyncExecutor({ maxWorkers: 5 });
  const futures = urls.map((url) => executor.submit(downloader, url, directory));
  for await (const future of asCompleted(futures)) {
    console.log(await future); // `await future` is `future.result()`
  }
}

runMain(async () => {
  const server = await startLocalFileServer();
  const directory = await mkdtemp(join(tmpdir(), 'rxfutures-downloads-'));
  try {
    const urls = formUrls(server.origin);
    await main(urls, directory);
  } finally {
    await rm(directory, { recursive: true, force: true });
    await server.close();
  }
});
