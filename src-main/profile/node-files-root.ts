import { createFsNodeFiles } from '../nodes/fs-node-files';
import type { NodeFiles } from '../nodes/port';
import type { Logger } from '../shared/log-port';

/**
 * Where a node's drive is reached from this machine, as a template: `{node}` is the node's NetBIOS name (upper
 * case), `{drive}` its drive letter. The default is the administrative share `\\{node}\{drive}$` (Microsoft Learn,
 * "Administrative shares": https://learn.microsoft.com/troubleshoot/windows-server/networking/remove-administrative-shares);
 * a folder template such as `/srv/lab/nodes/{node}/{drive}` reaches a lab's node folders with the same adapter.
 */
export const DEFAULT_NODE_FILES_ROOT = '\\\\{node}\\{drive}$';

const PLACEHOLDERS = ['{node}', '{drive}'] as const;

type RootStyle = 'unc' | 'drive' | 'posix';

function styleOf(root: string): RootStyle | undefined {
  if (root.startsWith('\\\\')) return 'unc';
  if (/^[A-Za-z]:\\/.test(root)) return 'drive';
  if (root.startsWith('/')) return 'posix';
  return undefined;
}

const count = (text: string, part: string): number => text.split(part).length - 1;

/** Why `root` is not a usable template, or undefined when it is. */
export function nodeFilesRootProblem(root: string): string | undefined {
  if (styleOf(root) === undefined) {
    return `'${root}' is not a full path: give \\\\{node}\\{drive}$ (the administrative share), C:\\Folder\\{node}\\{drive} or /folder/{node}/{drive}.`;
  }
  for (const placeholder of PLACEHOLDERS) {
    const times = count(root, placeholder);
    if (times !== 1) {
      return `'${root}' must name ${placeholder} exactly once (found ${times}): each node and drive needs its own folder.`;
    }
  }
  const rest = PLACEHOLDERS.reduce((text, placeholder) => text.split(placeholder).join(''), root);
  if (/[{}]/.test(rest)) return `'${root}' has a '{' or '}' that is not {node} or {drive}; those are the only placeholders.`;
  if (root.split(/[\\/]/).some((name) => name === '..' || name === '.')) return `'${root}' must not contain '.' or '..' folders.`;
  return undefined;
}

/** The folder of `node`'s `drive` under `root` (both already checked), each placeholder replaced in one pass. */
export function expandNodeFilesRoot(root: string, node: string, drive: string): string {
  return root.replace(/\{node\}|\{drive\}/g, (placeholder) => (placeholder === '{node}' ? node : drive));
}

/**
 * NodeFiles through the template: `(SRC1, C:\X\y.txt)` with `\\{node}\{drive}$` is `\\SRC1\C$\X\y.txt`. Node names
 * and paths are checked by createFsNodeFiles before they reach the template. Throws when `root` is not usable.
 * With a `logger`, every read and write is a line of its child `node-files` (createFsNodeFiles).
 */
export function createTemplateNodeFiles(root: string, logger?: Logger): NodeFiles {
  const problem = nodeFilesRootProblem(root);
  if (problem !== undefined) throw new Error(problem);
  const separator = styleOf(root) === 'posix' ? '/' : '\\';
  return createFsNodeFiles(
    {
      locate: async (node, path) => {
        const base = expandNodeFilesRoot(root, node, path.drive).replace(/[\\/]+$/, '');
        return [base, ...path.segments].join(separator);
      },
    },
    logger,
  );
}
