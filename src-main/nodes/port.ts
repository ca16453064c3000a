/**
 * The node files port: what the services may do to a file on a cluster node, named by its Windows path as seen on
 * that node. Two adapters implement it — the lab (a folder per node) and Windows (`\\NODE\C$\...` administrative
 * shares) — so the online.dtcl patcher and every other file step run unchanged against either.
 */

/** What a path names. `other` covers links and devices, which no step reads or writes. */
export type NodeEntryKind = 'file' | 'directory' | 'other';

/** What `stat` tells a step: enough to decide whether a file needs writing, never the node's ACLs. */
export interface NodeFileStat {
  readonly kind: NodeEntryKind;
  /** Bytes; 0 for a directory. */
  readonly size: number;
  readonly modified: Date;
}

/** One entry of a folder listing. */
export interface NodeDirectoryEntry {
  /** The name as the node spells it (case preserved). */
  readonly name: string;
  readonly kind: NodeEntryKind;
}

/** Why a file operation failed: one code per cause, so a step can say what to do next without parsing text. */
export type NodeFilesErrorCode =
  | 'invalid-path'
  | 'invalid-node'
  | 'not-found'
  | 'not-a-file'
  | 'not-a-directory'
  | 'outside-node'
  | 'node-unreachable'
  | 'access-denied'
  | 'io';

/** A refused or failed file operation; the message names the node and the Windows path. */
export class NodeFilesError extends Error {
  override readonly name = 'NodeFilesError';
  constructor(
    readonly code: NodeFilesErrorCode,
    readonly node: string,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Files on a node. Paths are Windows paths (`C:\Program Files\DoubleTake\online.dtcl`), compared case-insensitively
 * as Windows does. Every method rejects with NodeFilesError.
 */
export interface NodeFiles {
  /** The whole file. */
  readFile(node: string, path: string): Promise<Buffer>;
  /**
   * Replaces or creates the file atomically (a temporary file in the same folder, then a rename), so a crash never
   * leaves half a script. The folder must exist.
   */
  writeFile(node: string, path: string, content: Uint8Array): Promise<void>;
  /** Whether anything exists at the path. A node that cannot be reached is an error, not `false`. */
  exists(node: string, path: string): Promise<boolean>;
  /** The entries of a folder, sorted by name. */
  list(node: string, path: string): Promise<readonly NodeDirectoryEntry[]>;
  stat(node: string, path: string): Promise<NodeFileStat>;
  /** Creates the folder and any missing parents; does nothing when it exists. */
  createDirectory(node: string, path: string): Promise<void>;
}
