import type { VerifyCheck } from '../../../contract/steps';
import {
  applyOnlineDtclOnNodes,
  planOnlineDtclOnNodes,
  verifyOnlineDtclOnNodes,
  type OnlineDtclNodeResult,
} from '../../../doubletake/online-dtcl-nodes';
import { MIRROR_LINE_AFTER } from '../../../doubletake/online-dtcl-patch';
import type { SetupAction, SetupStepPlan } from '../../setup-step';
import type { SetupWorld } from '../../setup-world';

/**
 * Guide 4.5 step 9 (and, for the reverse connection at failback, every target node): online.dtcl's MIRROR START
 * line gains ORPHANS. The patch itself (backup, atomic replace, read-back) is doubletake/online-dtcl-nodes.ts; this
 * turns its per-node results into setup actions, warnings and checks. Each node is read with its own installation
 * folder from the pair document.
 */

/** A node as the pair document records it. */
export interface DoubleTakeNode {
  readonly name: string;
  readonly doubleTakeFolder: string;
}

/** Plans the patch on each node: one `file` action per node (not needed when patched already); a refused file or an unreachable node is a warning. */
export async function planOnlineDtclActions(world: SetupWorld, nodes: readonly DoubleTakeNode[]): Promise<SetupStepPlan> {
  const actions: SetupAction[] = [];
  const warnings: string[] = [];
  const findings: string[] = [];
  for (const node of nodes) {
    const result = await planOnNode(world, node);
    switch (result.outcome) {
      case 'needs-change':
      case 'changed':
        findings.push(`${node.name} ${result.path}: line ${result.lineNumber} has no ORPHANS yet.`);
        actions.push(patchAction(world, node, result.preview, `${node.name}: add ORPHANS to the MIRROR START line (line ${result.lineNumber}) of ${result.path}; the original is kept as a .bak beside it`, true));
        break;
      case 'already-patched':
        findings.push(`${node.name} ${result.path}: already patched at line ${result.lineNumber}.`);
        actions.push(patchAction(world, node, `${node.name} ${result.path}, line ${result.lineNumber}:\n ${MIRROR_LINE_AFTER}`, `${node.name}: ${result.path} already has ORPHANS (line ${result.lineNumber})`, false));
        break;
      case 'failed':
        warnings.push(`${result.message} The file is left as it is; edit it by hand as the guide shows (section 4.5 step 9), then verify.`);
        break;
    }
  }
  return { actions, warnings, findings };
}

/** One check per node: its online.dtcl holds the patched line. */
export async function verifyOnlineDtclActions(world: SetupWorld, nodes: readonly DoubleTakeNode[]): Promise<VerifyCheck[]> {
  const checks: VerifyCheck[] = [];
  for (const node of nodes) {
    const [result] = await verifyOnlineDtclOnNodes(world.nodeFiles, [node.name], { installFolder: node.doubleTakeFolder });
    checks.push({
      what: `${node.name}: online.dtcl starts the mirror with ORPHANS`,
      ok: result?.ok ?? false,
      detail: result?.message ?? `${node.name}: no result.`,
    });
  }
  return checks;
}

async function planOnNode(world: SetupWorld, node: DoubleTakeNode): Promise<OnlineDtclNodeResult> {
  const [result] = await planOnlineDtclOnNodes(world.nodeFiles, [node.name], { installFolder: node.doubleTakeFolder });
  if (result === undefined) throw new Error(`The online.dtcl plan gave no result for ${node.name}.`);
  return result;
}

function patchAction(world: SetupWorld, node: DoubleTakeNode, command: string, description: string, needed: boolean): SetupAction {
  return {
    tool: 'file',
    target: node.name,
    command,
    description,
    needed,
    async run(signal) {
      signal.throwIfAborted();
      const [result] = await applyOnlineDtclOnNodes(world.nodeFiles, [node.name], { installFolder: node.doubleTakeFolder, now: world.now });
      if (result === undefined) throw new Error(`The online.dtcl patch gave no result for ${node.name}.`);
      if (result.outcome === 'failed') throw new Error(result.message);
    },
  };
}
