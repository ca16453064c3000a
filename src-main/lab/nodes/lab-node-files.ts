import type { Stats } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join, relative, isAbsolute, resolve } from 'node:path';
import { createFsNodeFiles } from '../../nodes/fs-node-files';
import { canonicalNodeName } from '../../nodes/node-name';
import { NodeFilesError, type NodeFiles } from '../../nodes/port';
import { formatWindowsPath, windowsNamesEqual } from '../../nodes/windows-path';

/** The folder that holds every node's disks in a lab: `<lab>/nodes`. */
export function labNodesFolder(labFolder: string): string {
  return join(labFolder, 'nodes');
}

/** The folder that stands for one node's machine: `<lab>/nodes/<NODE>`, drives below it as `C`, `E`, ... */
export function labNodeFolder(labFolder: string, node: string): string {
  return join(labNodesFolder(labFolder), canonicalNodeName(node));
}

/** What the lab's node files ask of the rest of the lab. */
export interface LabNodeFilesOptions {
  /**
   * Lab power: a node that is down cannot be reached, as its admin share could not. Defaults to every node up.
   * The lab's power switch lives with the MSCS model; this only asks it.
   */
  readonly isNodeUp?: (node: string) => boolean;
}

/**
 * NodeFiles over the lab's folders: `(SRC1, 'C:\X\Y')` is `<lab>/nodes/SRC1/C/X/Y`. Names are matched
 * case-insensitively as NTFS would (an existing `Program Files` answers to `program files`); a new file keeps the
 * spelling it was given. Nothing outside the node's folder is ever reached: symbolic links are refused wherever
 * they appear in the path.
 */
export function createLabNodeFiles(labFolder: string, options: LabNodeFilesOptions = {}): NodeFiles {
  const isNodeUp = options.isNodeUp ?? (() => true);
  return createFsNodeFiles({
    async locate(node, path) {
      const shown = formatWindowsPath(path);
      const root = resolve(labNodeFolder(labFolder, node));
      const unreachable = new NodeFilesError('node-unreachable', node, shown, `${node} ${shown}: The network path was not found.`);
      if (!isNodeUp(node)) throw unreachable;
      const rootStats = await lstatOrUndefined(root);
      if (rootStats === undefined || !rootStats.isDirectory()) throw unreachable;
      const located = await walk(root, [path.drive, ...path.segments], node, shown);
      const rel = relative(root, located);
      if (rel.startsWith('..') || isAbsolute(rel)) {
        throw new NodeFilesError('outside-node', node, shown, `${node} ${shown}: the path leads outside the node's folder.`);
      }
      return located;
    },
  });
}

/**
 * Follows `names` down from `root`, matching each existing name case-insensitively (an exact spelling wins) and
 * refusing symbolic links. Once a name does not exist the rest is appended as given.
 */
async function walk(root: string, names: readonly string[], node: string, shown: string): Promise<string> {
  let current = root;
  for (let i = 0; i < names.length; i += 1) {
    const name = names[i] ?? '';
    const match = await findName(current, name, node, shown);
    if (match === undefined) return join(current, ...names.slice(i));
    const next = join(current, match);
    const stats = await lstatOrUndefined(next);
    if (stats?.isSymbolicLink() === true) {
      throw new NodeFilesError(
        'outside-node',
        node,
        shown,
        `${node} ${shown}: '${match}' is a symbolic link in the lab; the lab does not follow links, so nothing outside the node's folder is reached.`,
      );
    }
    current = next;
  }
  return current;
}

async function findName(folder: string, name: string, node: string, shown: string): Promise<string | undefined> {
  let entries: string[];
  try {
    entries = await readdir(folder);
  } catch {
    return undefined; // a missing folder, or a file where a folder was expected: the fs call that follows says which
  }
  if (entries.includes(name)) return name;
  const matches = entries.filter((entry) => windowsNamesEqual(entry, name));
  if (matches.length > 1) {
    throw new NodeFilesError(
      'io',
      node,
      shown,
      `${node} ${shown}: the lab folder holds ${matches.map((m) => `'${m}'`).join(' and ')}, which are one name on Windows; remove one.`,
    );
  }
  return matches[0];
}

async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch {
    return undefined;
  }
}
