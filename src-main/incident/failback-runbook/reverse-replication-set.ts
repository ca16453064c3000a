import type { VerifyCheck } from '../../contract/steps';
import type { PairDocument } from '../../pair/pair-document-schema';
import { doubleTakeAction, sameClusterName } from '../../setup/setup-actions';
import { readCluster, readDoubleTake } from '../../setup/steps/doubletake/node-reads';
import { describeDifference, describeRule, manualAction } from '../../setup/steps/doubletake/replication-set-diff';
import {
  neededCommands,
  nodeSetProblems,
  readNodeReplicationSet,
  wholeSetCommands,
  type WantedReplicationSet,
} from '../../setup/steps/doubletake/replication-set-node';
import { windowsPathKey } from '../../nodes/windows-path';
import type { RunbookAction, RunbookContext, RunbookStep } from '../runbook/runbook-step';
import { findGroup, runbookActionOf } from './failback-actions';
import { failbackNames } from './failback-names';

/**
 * Guide 8 step 2: a replication set on the TARGET cluster holding every volume of the target's Exchange group,
 * made as section 4.4 makes it on the source — on the node that owns the target's Exchange group first, then the
 * identical set on the other target nodes, each saved. Its name and rules are the pair document's (the target's
 * Exchange data sits at the same paths: setup 5.1 installs it identically). The setup's planners do the work.
 */

function wantedSet(pair: PairDocument): WantedReplicationSet {
  return { name: pair.replicationSet.name, rules: pair.replicationSet.rules };
}

/** The target nodes, the owner of the target's Exchange group first (guide 4.4's order), with what was found. */
async function targetNodeOrder({ pair, world }: RunbookContext): Promise<{ nodes: string[]; notes: string[] }> {
  const nodes = pair.target.cluster.nodes.map((n) => n.name);
  const names = failbackNames(pair);
  const groups = await readCluster(world.setup.target.cluster, () => world.setup.target.groups());
  const owner = groups.ok ? findGroup(groups.value, names.targetGroup)?.owner : undefined;
  const index = owner === undefined ? -1 : nodes.findIndex((n) => sameClusterName(n, owner));
  if (index < 0) {
    const why = groups.ok ? `"${names.targetGroup}" has no owner the pair document lists` : groups.problem;
    return { nodes, notes: [`${why}; starting with the pair document's first target node, ${nodes[0] ?? ''}.`] };
  }
  const ordered = [nodes[index] ?? '', ...nodes.filter((_, i) => i !== index)];
  return { nodes: ordered, notes: [`${ordered[0]} owns "${names.targetGroup}": the replication set is made there first${ordered.length > 1 ? `, then identically on ${ordered.slice(1).join(', ')}` : ''}.`] };
}

/** The target's Exchange drives that no include rule covers (the set must hold every volume of the group). */
export function uncoveredTargetDrives(pair: PairDocument): string[] {
  const included = pair.replicationSet.rules.filter((r) => r.mode === 'include').map((r) => windowsPathKey(r.path));
  return pair.target.physicalDisks
    .map((disk) => disk.drive.toUpperCase())
    .filter((drive) => !included.some((path) => path.toUpperCase().startsWith(`${drive}:`)));
}

export const reverseReplicationSetStep: RunbookStep = {
  id: 'reverse-replication-set',
  title: 'The replication set on the target cluster',
  guide: '8 step 2',

  async plan(context) {
    const wanted = wantedSet(context.pair);
    const order = await targetNodeOrder(context);
    const actions: RunbookAction[] = [];
    const warnings: string[] = [];
    const findings = [...order.notes];
    for (const drive of uncoveredTargetDrives(context.pair)) {
      warnings.push(`No include rule of replicationSet.rules covers ${drive}: of the target's Exchange group: its data would not go back to the source. Add a rule for it in the pair document.`);
    }
    for (const node of order.nodes) {
      const read = await readDoubleTake(node, () => readNodeReplicationSet(context.world.setup, node, wanted));
      if (!read.ok) {
        warnings.push(`${read.problem} Replication set "${wanted.name}" is not planned there.`);
        continue;
      }
      const state = read.value;
      for (const variant of state.caseVariants) {
        warnings.push(`${node}: replication set "${variant}" differs from "${wanted.name}" only by case; Double-Take treats it as another set and it is left alone.`);
      }
      for (const difference of state.differences) {
        const manual = manualAction(node, wanted.name, difference);
        if (manual === undefined) findings.push(`${describeDifference(node, difference)}.`);
        else warnings.push(`${describeDifference(node, difference)}. ${manual}`);
      }
      const commands = neededCommands(state, wanted);
      const first = node === order.nodes[0];
      const role = first ? 'first node' : 'identical to the first node';
      const action =
        commands.length === 0
          ? doubleTakeAction(context.world.setup, node, wholeSetCommands(wanted), `${node} (${role}): replication set "${wanted.name}" is there and saved`, false)
          : doubleTakeAction(context.world.setup, node, commands, `${node} (${role}): ${state.set === undefined ? `create replication set "${wanted.name}" with ${wanted.rules.map(describeRule).join(', ')}, ` : 'add the missing rules, '}save the replication sets`, true);
      actions.push(runbookActionOf(action));
    }
    return { actions, warnings, findings };
  },

  async verify(context) {
    const wanted = wantedSet(context.pair);
    const checks: VerifyCheck[] = [];
    for (const node of context.pair.target.cluster.nodes.map((n) => n.name)) {
      const what = `${node}: replication set "${wanted.name}" holds exactly the pair document's rules and is saved`;
      const read = await readDoubleTake(node, () => readNodeReplicationSet(context.world.setup, node, wanted));
      if (!read.ok) {
        checks.push({ what, ok: false, detail: read.problem });
        continue;
      }
      const problems = nodeSetProblems(read.value, wanted);
      checks.push({ what, ok: problems.length === 0, detail: problems.length > 0 ? `${problems.join('; ')}.` : `${node}: ${wanted.rules.map(describeRule).join(', ')}; saved.` });
    }
    return checks;
  },
};
