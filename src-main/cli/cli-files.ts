/**
 * The files the command line touches (options file, password file, CA file, journal to undo, log file), passed in
 * so the command runs in process in tests and by a spawned process alike. Paths are absolute by the time they get
 * here.
 */
import { appendFile, readFile, stat } from 'node:fs/promises';

export interface CliFiles {
  /** The whole file as UTF-8 text; rejects with a Node error (its `code` says why) when it cannot be read. */
  readText(path: string): Promise<string>;
  /** Whether the path names an existing regular file. */
  isFile(path: string): Promise<boolean>;
  /** Appends text, creating the file when absent. */
  appendText(path: string, text: string): Promise<void>;
}

/** The real file system. */
export const nodeCliFiles: CliFiles = {
  readText: (path) => readFile(path, 'utf8'),
  isFile: async (path) => {
    try {
      return (await stat(path)).isFile();
    } catch {
      return false;
    }
  },
  appendText: (path, text) => appendFile(path, text, 'utf8'),
};

/** A short reason for a failed file operation: the Node error code when there is one (`ENOENT`, `EACCES`...). */
export function fileErrorReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file (ENOENT)';
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code})`;
  if (code === 'EISDIR') return 'it is a folder (EISDIR)';
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}
