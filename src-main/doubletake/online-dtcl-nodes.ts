import { NodeFilesError, type NodeFiles, type NodeFilesErrorCode } from '../nodes/port';
import { joinWindowsPath } from '../nodes/windows-path';
import { assertNever } from '../shared/assert-never';
import {
  applyOnlineDtclPatch,
  planOnlineDtclPatch,
  previewOnlineDtclPatch,
  verifyOnlineDtclPatch,
  type OnlineDtclPatchErrorCode,
} from './online-dtcl-patch';

/**
 * The online.dtcl patch over every node of a cluster (the guide: "repeat steps a-d on the second node"), through
 * NodeFiles so the same code runs on the lab and on Windows. Each node is reported on its own: one node that is
 * down or holds an odd file does not stop the others.
 */

/** Double-Take's installation default, where online.dtcl lives unless the administrator chose otherwise. */
export const DEFAULT_DOUBLE_TAKE_FOLDER = 'C:\\Program Files\\DoubleTake';

/** The script's full path for an installation folder. */
export function onlineDtclPath(installFolder: string = DEFAULT_DOUBLE_TAKE_FOLDER): string {
  return joinWindowsPath(installFolder, 'online.dtcl');
}

/** Why a node could not be planned, patched or verified. */
export type OnlineDtclNodeFailure = OnlineDtclPatchErrorCode | NodeFilesErrorCode | 'backup-failed' | 'verify-failed';

/** What happened on one node. */
export type OnlineDtclNodeResult =
  | {
      readonly node: string;
      readonly path: string;
      /** plan: the file needs the edit; apply: the edit was made and verified. */
      readonly outcome: 'needs-change' | 'changed';
      readonly lineNumber: number;
      readonly before: string;
      readonly after: string;
      readonly preview: string;
      /** apply only: where the original bytes were saved before the file was replaced. */
      readonly backupPath?: string;
    }
  | { readonly node: string; readonly path: string; readonly outcome: 'already-patched'; readonly lineNumber: number }
  | { readonly node: string; readonly path: string; readonly outcome: 'failed'; readonly reason: OnlineDtclNodeFailure; readonly message: string };

/** Where to find the script on the nodes. */
export interface OnlineDtclNodesOptions {
  /** Where Double-Take is installed on the nodes; the installation default when not given. */
  readonly installFolder?: string;
  /** The clock that names backups; the system clock when not given. */
  readonly now?: () => Date;
}

/** How many names a backup tries (`...Z.bak`, `...Z-2.bak`, ...) before giving up rather than overwrite one. */
const BACKUP_ATTEMPTS = 100;

/**
 * The backup's name beside the script: `online.dtcl.2026-11-25T12-30-00Z.bak` (UTC to the second, colons made
 * dashes for Windows), `online.dtcl.2026-11-25T12-30-00Z-2.bak` for the second attempt in the same second.
 */
export function onlineDtclBackupPath(path: string, when: Date, attempt = 1): string {
  const stamp = when.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  return `${path}.${stamp}${attempt > 1 ? `-${attempt}` : ''}.bak`;
}

/** Reads each node's online.dtcl and says what the patch would do there. Changes nothing. */
export async function planOnlineDtclOnNodes(
  files: NodeFiles,
  nodes: readonly string[],
  options: OnlineDtclNodesOptions = {},
): Promise<readonly OnlineDtclNodeResult[]> {
  const path = onlineDtclPath(options.installFolder);
  return await Promise.all(nodes.map((node) => onNode(node, path, async () => inspect(node, path, await files.readFile(node, path), 'needs-change'))));
}

/**
 * Patches each node's online.dtcl: saves the original bytes to a timestamped backup beside it (never over an
 * existing backup), replaces the file atomically (NodeFiles.writeFile), then reads it back and verifies it. A file
 * that is refused (no MIRROR START line, more than one, unexpected options, not text) or already patched is not
 * written and gets no backup: running it again changes nothing.
 */
export async function applyOnlineDtclOnNodes(
  files: NodeFiles,
  nodes: readonly string[],
  options: OnlineDtclNodesOptions = {},
): Promise<readonly OnlineDtclNodeResult[]> {
  const path = onlineDtclPath(options.installFolder);
  const now = options.now ?? (() => new Date());
  return await Promise.all(
    nodes.map((node) =>
      onNode(node, path, async () => {
        const content = await files.readFile(node, path);
        const planned = inspect(node, path, content, 'changed');
        if (planned.outcome !== 'changed') return planned;
        const patched = applyOnlineDtclPatch(content, label(node, path));
        const backup = await writeBackup(files, node, path, content, now());
        if (typeof backup !== 'string') return backup;
        await files.writeFile(node, path, patched);
        const check = verifyOnlineDtclPatch(await files.readFile(node, path), label(node, path));
        if (!check.ok) return { node, path, outcome: 'failed', reason: 'verify-failed', message: `${check.message} The original is in ${backup}.` };
        return { ...planned, backupPath: backup };
      }),
    ),
  );
}

/**
 * Saves `content` under the first free backup name and reads it back; the backup's path, or the node's failure
 * (and then the script is not touched). [assumed] nothing else creates backups on the node in the same moment:
 * NodeFiles has no create-if-absent, so the name is checked with `exists` before the write.
 */
async function writeBackup(files: NodeFiles, node: string, path: string, content: Buffer, when: Date): Promise<string | OnlineDtclNodeResult> {
  for (let attempt = 1; attempt <= BACKUP_ATTEMPTS; attempt += 1) {
    const backup = onlineDtclBackupPath(path, when, attempt);
    if (await files.exists(node, backup)) continue;
    await files.writeFile(node, backup, content);
    if (!(await files.readFile(node, backup)).equals(content)) {
      return { node, path, outcome: 'failed', reason: 'backup-failed', message: `${label(node, backup)}: the backup did not read back as written; ${path} was not changed.` };
    }
    return backup;
  }
  const first = onlineDtclBackupPath(path, when);
  return { node, path, outcome: 'failed', reason: 'backup-failed', message: `${label(node, first)}: ${BACKUP_ATTEMPTS} backups with this time stamp already exist; ${path} was not changed.` };
}

/** Whether each node's online.dtcl is patched; the message says what is wrong where it is not. */
export async function verifyOnlineDtclOnNodes(
  files: NodeFiles,
  nodes: readonly string[],
  options: OnlineDtclNodesOptions = {},
): Promise<readonly { readonly node: string; readonly ok: boolean; readonly message: string }[]> {
  const results = await planOnlineDtclOnNodes(files, nodes, options);
  return results.map((result) => {
    switch (result.outcome) {
      case 'already-patched':
        return { node: result.node, ok: true, message: `${label(result.node, result.path)}: patched (line ${result.lineNumber}).` };
      case 'needs-change':
      case 'changed':
        return { node: result.node, ok: false, message: `${label(result.node, result.path)}: line ${result.lineNumber} has no ORPHANS yet.` };
      case 'failed':
        return { node: result.node, ok: false, message: result.message };
      default:
        return assertNever(result, 'node result');
    }
  });
}

function label(node: string, path: string): string {
  return `${node} ${path}`;
}

function inspect(node: string, path: string, content: Buffer, changeOutcome: 'needs-change' | 'changed'): OnlineDtclNodeResult {
  const file = label(node, path);
  const plan = planOnlineDtclPatch(content, file);
  switch (plan.kind) {
    case 'change':
      return {
        node,
        path,
        outcome: changeOutcome,
        lineNumber: plan.lineNumber,
        before: plan.before,
        after: plan.after,
        preview: previewOnlineDtclPatch(content, file),
      };
    case 'already-patched':
      return { node, path, outcome: 'already-patched', lineNumber: plan.lineNumber };
    case 'error':
      return { node, path, outcome: 'failed', reason: plan.code, message: plan.message };
    default:
      return assertNever(plan, 'plan');
  }
}

/** Runs one node's work, turning a file error into that node's failure instead of the whole run's. */
async function onNode(node: string, path: string, work: () => Promise<OnlineDtclNodeResult>): Promise<OnlineDtclNodeResult> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof NodeFilesError) return { node, path, outcome: 'failed', reason: error.code, message: error.message };
    throw error;
  }
}
