/**
 * The files the command line touches (options file, password file, CA file, journal to undo, log file), passed in
 * so the command runs in process in tests and by a spawned process alike. Paths are absolute by the time they get
 * here.
 */
import { appendFile, open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface CliFiles {
  /**
   * The file as UTF-8 text, read no further than `maxBytes` (a larger file, `/dev/zero` or an endless pipe rejects
   * with {@link FileTooLargeError} once `maxBytes + 1` bytes were read); rejects with a Node error (its `code` says
   * why) when it cannot be read.
   */
  readText(path: string, maxBytes: number): Promise<string>;
  /** Whether the path names an existing regular file. */
  isFile(path: string): Promise<boolean>;
  /** Appends text, creating the file when absent. */
  appendText(path: string, text: string): Promise<void>;
  /** The absolute paths of the regular files in a folder whose names match `name` ([] when it cannot be read). */
  listFiles(folder: string, name: RegExp): Promise<string[]>;
}

/** A file that holds more than a reader takes. Its size is found by reading, not by stat: pipes report size 0. */
export class FileTooLargeError extends Error {
  override readonly name = 'FileTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`larger than ${maxBytes} bytes`);
  }
}

const CHUNK = 16 * 1024;

/** Reads at most `maxBytes + 1` bytes of a file, pipe or device, then decodes them as UTF-8. */
async function readCapped(path: string, maxBytes: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.alloc(Math.min(CHUNK, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw new FileTooLargeError(maxBytes);
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** The real file system. */
export const nodeCliFiles: CliFiles = {
  readText: readCapped,
  isFile: async (path) => {
    try {
      return (await stat(path)).isFile();
    } catch {
      return false;
    }
  },
  appendText: (path, text) => appendFile(path, text, 'utf8'),
  listFiles: async (folder, name) => {
    try {
      const entries = await readdir(folder, { withFileTypes: true });
      return entries.filter((entry) => entry.isFile() && name.test(entry.name)).map((entry) => join(folder, entry.name));
    } catch {
      return [];
    }
  },
};

/** A short reason for a failed file operation: the Node error code when there is one (`ENOENT`, `EACCES`...). */
export function fileErrorReason(error: unknown): string {
  if (error instanceof FileTooLargeError) return `it is larger than ${error.maxBytes.toLocaleString('en-US')} bytes, so it was not read`;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file (ENOENT)';
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code})`;
  if (code === 'EISDIR') return 'it is a folder (EISDIR)';
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}
