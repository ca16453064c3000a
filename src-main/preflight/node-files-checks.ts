/**
 * The node files checks: each node's Double-Take folder (from the pair document) is reachable, and its online.dtcl
 * (the script Double-Take's Failover Control Center runs, which the setup edits) can be read. Nothing is written.
 * On Windows the files are reached through the node's administrative share (`\\NODE\C$`), which needs an
 * administrator of the node (https://learn.microsoft.com/troubleshoot/windows-server/networking/remove-administrative-shares).
 */
import { onlineDtclPath } from '../doubletake/online-dtcl-nodes';
import { NodeFilesError } from '../nodes/port';
import { adminSharePath } from '../nodes/unc-path';
import { quoteWindowsArg } from '../cluster/windows-command-line';
import type { PairDocument } from '../pair';
import type { CheckRunner } from './check-runner';
import { errorText, failed, passed, type CheckOutcome } from './preflight-check';
import type { PreflightWorld } from './preflight-world';

function shareCommand(verb: 'dir' | 'type', node: string, path: string): string {
  let share: string;
  try {
    share = adminSharePath(node, path);
  } catch {
    share = `\\\\${node}\\${path}`;
  }
  return `${verb} ${quoteWindowsArg(share)}`;
}

function filesFailure(node: string, path: string, what: 'folder' | 'file', side: string, error: unknown): CheckOutcome {
  const where = `${node} ${path}`;
  if (error instanceof NodeFilesError) {
    switch (error.code) {
      case 'not-found':
        return what === 'folder'
          ? failed(
              `The Double-Take folder ${path} does not exist on ${node}.`,
              `Correct the doubleTakeFolder of ${node} in the pair document (${side}.cluster.nodes) to the folder Double-Take is installed in on ${node}.`,
              where,
            )
          : failed(
              `${node} has no online.dtcl in its Double-Take folder (${path}).`,
              `Check that Double-Take's Failover Control Center files are installed on ${node}, or correct its doubleTakeFolder in the pair document.`,
              where,
            );
      case 'node-unreachable':
        return failed(
          `The files of ${node} cannot be reached (${error.message}).`,
          `Check that ${node} is powered on and that this computer can open ${shareCommand('dir', node, 'C:\\').slice(4)} as an administrator of ${node}.`,
          where,
        );
      case 'access-denied':
        return failed(`This account may not read ${path} on ${node} (${error.message}).`, `Run the check as an administrator of ${node}.`, where);
      case 'not-a-directory':
        return failed(`${path} on ${node} is not a folder.`, `Correct the doubleTakeFolder of ${node} in the pair document.`, where);
      case 'not-a-file':
        return failed(`${path} on ${node} is not a file.`, `Look at ${path} on ${node}: Double-Take expects online.dtcl to be a script file.`, where);
      default:
        return failed(`Reading ${path} on ${node} failed (${error.message}).`, `Open the path shown by hand from this computer and fix what it reports.`, where);
    }
  }
  return failed(`Reading ${path} on ${node} failed: ${errorText(error)}`, 'Open the path shown by hand from this computer and fix what it reports.', where);
}

export async function nodeFilesChecks(runner: CheckRunner, world: PreflightWorld, document: PairDocument): Promise<void> {
  for (const side of ['source', 'target'] as const) {
    for (const { name, doubleTakeFolder } of document[side].cluster.nodes) {
      const node = name.toUpperCase();
      const folder = await runner.check(
        {
          id: `node-files.folder.${node}`,
          system: 'node-files',
          title: `the Double-Take folder of ${node} is reachable`,
          where: `${node} ${doubleTakeFolder}`,
          command: shareCommand('dir', node, doubleTakeFolder),
        },
        [],
        async () => {
          const stat = await world.nodeFiles.stat(node, doubleTakeFolder);
          if (stat.kind !== 'directory') throw new NodeFilesError('not-a-directory', node, doubleTakeFolder, `${doubleTakeFolder} is not a folder`);
          return passed(`${doubleTakeFolder} is a folder.`);
        },
        (error) => filesFailure(node, doubleTakeFolder, 'folder', side, error),
      );
      const script = onlineDtclPath(doubleTakeFolder);
      await runner.check(
        {
          id: `node-files.online-dtcl.${node}`,
          system: 'node-files',
          title: `online.dtcl of ${node} is readable`,
          where: `${node} ${script}`,
          command: shareCommand('type', node, script),
        },
        [folder],
        async () => {
          const bytes = await world.nodeFiles.readFile(node, script);
          return passed(`${script} read (${bytes.length} bytes).`);
        },
        (error) => filesFailure(node, script, 'file', side, error),
      );
    }
  }
}
