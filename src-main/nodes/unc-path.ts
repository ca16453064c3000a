import { canonicalNodeName, nodeNameProblem } from './node-name';
import { parseWindowsPath } from './windows-path';

/**
 * Maps a path on a node to the administrative share that reaches it from another Windows machine:
 * `(SRC1, 'C:\Program Files\DoubleTake\online.dtcl')` → `\\SRC1\C$\Program Files\DoubleTake\online.dtcl`.
 * Pure, so the Windows adapter's only rule is tested here on any machine. Throws on a bad node name or path.
 */
export function adminSharePath(node: string, path: string): string {
  const problem = nodeNameProblem(node);
  if (problem !== undefined) throw new Error(problem);
  const parsed = parseWindowsPath(path);
  return `\\\\${canonicalNodeName(node)}\\${parsed.drive}$\\${parsed.segments.join('\\')}`;
}
