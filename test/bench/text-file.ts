/** Streams text chunks to a file with back-pressure, so a 100 MB LDIF never sits in memory as one string. */
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Writes the chunks to `file` (UTF-8) and returns the file's size in bytes. */
export async function writeTextChunks(file: string, chunks: Iterable<string>): Promise<number> {
  await pipeline(Readable.from(chunks, { objectMode: false }), createWriteStream(file));
  return (await stat(file)).size;
}
