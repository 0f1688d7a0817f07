/**
 * The `downloader(url)` task of the Mouse vs Python examples: downloads a URL into a file named after it, reading
 * the body piece by piece, and refuses URLs without an extension.
 */
import { createWriteStream } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** Downloads `url` into `directory`; resolves to `Finished downloading <file>`. */
export async function downloader(url: string, directory: string): Promise<string> {
  const response = await fetch(url);
  const filename = basename(new URL(url).pathname);
  if (!extname(filename)) throw new Error('URL does not contain an extension');
  if (!response.ok || response.body === null) throw new Error(`GET ${url} answered ${response.status}`);
  const body = Readable.fromWeb(response.body as WebReadableStream);
  await pipeline(body, createWriteStream(join(directory, filename)));
  return `Finished downloading ${filename}`;
}

/** The five URLs of the tutorial, on the local server at `origin` instead of www.irs.gov. */
export function formUrls(origin: string): string[] {
  return ['f1040.pdf', 'f1040a.pdf', 'f1040ez.pdf', 'f1040es.pdf', 'f1040sb.pdf'].map(
    (file) => `${origin}/pub/irs-pdf/${file}`,
  );
}
