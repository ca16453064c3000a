import type { Dirent, Stats } from 'node:fs';
import { lstat, mkdir, readFile, readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { elapsedMs, silentLogger, type Logger } from '../shared/log-port';
import { writeFileAtomic } from '../shared/write-file-atomic';
import { canonicalNodeName, nodeNameProblem } from './node-name';
import { NodeFilesError, type NodeDirectoryEntry, type NodeEntryKind, type NodeFiles, type NodeFileStat } from './port';
import { formatWindowsPath, parseWindowsPath, WindowsPathError, windowsUpperCase, type WindowsPath } from './windows-path';

/**
 * Where a node's file lives in this machine's file system. The lab maps to a folder per node, Windows to an
 * administrative share; everything else (checks, error words, atomic writes) is shared in createFsNodeFiles.
 */
export interface FsLocator {
  /** Maps a checked node name (canonical, upper case) and a parsed path to a file-system path. Throws NodeFilesError. */
  locate(node: string, path: WindowsPath): Promise<string>;
}

/** A file operation in words Windows uses, so a lab message reads like the one an administrator would see. */
const WINDOWS_WORDS = {
  fileNotFound: 'The system cannot find the file specified.',
  pathNotFound: 'The system cannot find the path specified.',
  accessDenied: 'Access is denied.',
  notAFile: 'The path names a folder, not a file.',
  notAFolder: 'The directory name is invalid.',
} as const;

/**
 * Builds a NodeFiles over node:fs from a locator. Node names and paths are checked before the locator sees them;
 * fs errors become NodeFilesError naming the node and the Windows path.
 *
 * With a `logger` (the program's diagnostic log), every operation is one line of its child `node-files`: the node,
 * the Windows path, where it was reached (`\\SRC1\C$\…`), the bytes read or written, the outcome and the duration.
 * Reads, writes and folders created are `info` (a failure `warn`); existence checks, listings and stats `debug`.
 */
export function createFsNodeFiles(locator: FsLocator, logger: Logger = silentLogger): NodeFiles {
  const files = createUnloggedFsNodeFiles(locator);
  return logger === silentLogger ? files : loggedNodeFiles(files, locator, logger.child({ subsystem: 'node-files' }));
}

type NodeFilesOperation = keyof NodeFiles;
/** Operations that change or read a file's content: logged at `info`; the others at `debug`. */
const CONTENT_OPERATIONS: ReadonlySet<NodeFilesOperation> = new Set(['readFile', 'writeFile', 'createDirectory']);

function loggedNodeFiles(files: NodeFiles, locator: FsLocator, log: Logger): NodeFiles {
  /** Where the path was reached on this machine, when it names a valid node and path (else only the Windows path). */
  const location = async (node: string, path: string): Promise<string | undefined> => {
    if (nodeNameProblem(node) !== undefined) return undefined;
    try {
      return await locator.locate(canonicalNodeName(node), parseWindowsPath(path));
    } catch {
      return undefined;
    }
  };
  async function logged<T>(operation: NodeFilesOperation, node: string, path: string, work: () => Promise<T>, bytes: (result: T) => number | undefined): Promise<T> {
    const start = performance.now();
    const line = async (outcome: 'ok' | 'failed', extra: Record<string, unknown>): Promise<void> => {
      const where = await location(node, path);
      const fields = { event: operation, node, path, ...(where === undefined ? {} : { location: where }), outcome, ...extra, durationMs: elapsedMs(start) };
      if (outcome === 'failed') log.warn(`node file ${operation} failed`, fields);
      else if (CONTENT_OPERATIONS.has(operation)) log.info(`node file ${operation}`, fields);
      else log.debug(`node file ${operation}`, fields);
    };
    let result: T;
    try {
      result = await work();
    } catch (error) {
      const code = error instanceof NodeFilesError ? error.code : 'io';
      await line('failed', { code, error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    const size = bytes(result);
    await line('ok', size === undefined ? {} : { bytes: size });
    return result;
  }
  const none = (): undefined => undefined;
  return {
    readFile: (node, path) => logged('readFile', node, path, () => files.readFile(node, path), (content) => content.byteLength),
    writeFile: (node, path, content) => logged('writeFile', node, path, () => files.writeFile(node, path, content), () => content.byteLength),
    exists: (node, path) => logged('exists', node, path, () => files.exists(node, path), none),
    list: (node, path) => logged('list', node, path, () => files.list(node, path), none),
    stat: (node, path) => logged('stat', node, path, () => files.stat(node, path), (stat) => stat.size),
    createDirectory: (node, path) => logged('createDirectory', node, path, () => files.createDirectory(node, path), none),
  };
}

function createUnloggedFsNodeFiles(locator: FsLocator): NodeFiles {
  async function at(node: string, path: string): Promise<{ node: string; shown: string; fsPath: string }> {
    const problem = nodeNameProblem(node);
    if (problem !== undefined) throw new NodeFilesError('invalid-node', node, path, problem);
    const canonical = canonicalNodeName(node);
    let parsed: WindowsPath;
    try {
      parsed = parseWindowsPath(path);
    } catch (error) {
      if (error instanceof WindowsPathError) throw new NodeFilesError('invalid-path', canonical, path, `${canonical}: ${error.message}`);
      throw error;
    }
    const shown = formatWindowsPath(parsed);
    return { node: canonical, shown, fsPath: await locator.locate(canonical, parsed) };
  }

  return {
    async readFile(node, path) {
      const where = await at(node, path);
      const stats = await statOrThrow(where, WINDOWS_WORDS.fileNotFound);
      if (kindOf(stats) !== 'file') throw failure('not-a-file', where, WINDOWS_WORDS.notAFile);
      return await guard(where, () => readFile(where.fsPath));
    },

    async writeFile(node, path, content) {
      const where = await at(node, path);
      const existing = await statOrUndefined(where);
      if (existing !== undefined && kindOf(existing) !== 'file') throw failure('not-a-file', where, WINDOWS_WORDS.notAFile);
      const folder = await statOrUndefined({ ...where, fsPath: dirname(where.fsPath) });
      if (folder === undefined) throw failure('not-found', where, WINDOWS_WORDS.pathNotFound);
      if (kindOf(folder) !== 'directory') throw failure('not-a-directory', where, WINDOWS_WORDS.pathNotFound);
      await guard(where, () => writeFileAtomic(where.fsPath, content));
    },

    async exists(node, path) {
      const where = await at(node, path);
      return (await statOrUndefined(where)) !== undefined;
    },

    async list(node, path) {
      const where = await at(node, path);
      const stats = await statOrThrow(where, WINDOWS_WORDS.pathNotFound);
      if (kindOf(stats) !== 'directory') throw failure('not-a-directory', where, WINDOWS_WORDS.notAFolder);
      const entries = await guard(where, () => readdir(where.fsPath, { withFileTypes: true }));
      return entries.map(toEntry).sort(byWindowsName);
    },

    async stat(node, path) {
      const where = await at(node, path);
      const stats = await statOrThrow(where, WINDOWS_WORDS.fileNotFound);
      const kind = kindOf(stats);
      const result: NodeFileStat = { kind, size: kind === 'directory' ? 0 : stats.size, modified: stats.mtime };
      return result;
    },

    async createDirectory(node, path) {
      const where = await at(node, path);
      const existing = await statOrUndefined(where);
      if (existing !== undefined) {
        if (kindOf(existing) === 'directory') return;
        throw failure('not-a-directory', where, 'A file with that name already exists.');
      }
      await guard(where, () => mkdir(where.fsPath, { recursive: true }));
    },
  };
}

interface Where {
  readonly node: string;
  readonly shown: string;
  readonly fsPath: string;
}

function failure(code: NodeFilesError['code'], where: Where, words: string): NodeFilesError {
  return new NodeFilesError(code, where.node, where.shown, `${where.node} ${where.shown}: ${words}`);
}

/** Maps an fs error to NodeFilesError; `notFound` is the Windows wording for a missing file or folder. */
function translate(error: unknown, where: Where, notFound: string): NodeFilesError {
  if (error instanceof NodeFilesError) return error;
  const code = errnoCode(error);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return failure('not-found', where, notFound);
    case 'EACCES':
    case 'EPERM':
      return failure('access-denied', where, WINDOWS_WORDS.accessDenied);
    case 'EISDIR':
      return failure('not-a-file', where, WINDOWS_WORDS.notAFile);
    default: {
      const detail = error instanceof Error ? error.message : String(error);
      return failure('io', where, detail);
    }
  }
}

function errnoCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error as { code: unknown };
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

async function guard<T>(where: Where, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translate(error, where, WINDOWS_WORDS.pathNotFound);
  }
}

async function statOrUndefined(where: Where): Promise<Stats | undefined> {
  try {
    return await lstat(where.fsPath);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw translate(error, where, WINDOWS_WORDS.pathNotFound);
  }
}

async function statOrThrow(where: Where, notFound: string): Promise<Stats> {
  try {
    return await lstat(where.fsPath);
  } catch (error) {
    throw translate(error, where, notFound);
  }
}

function kindOf(stats: Stats | Dirent): NodeEntryKind {
  if (stats.isSymbolicLink()) return 'other';
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'directory';
  return 'other';
}

function toEntry(entry: Dirent): NodeDirectoryEntry {
  return { name: entry.name, kind: kindOf(entry) };
}

function byWindowsName(a: NodeDirectoryEntry, b: NodeDirectoryEntry): number {
  const ka = windowsUpperCase(a.name);
  const kb = windowsUpperCase(b.name);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
