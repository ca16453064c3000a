import type { VerifyCheck } from '../../contract/steps';
import type { PairDocument } from '../../pair/pair-document-schema';
import { doubleTakeAction, sameClusterName } from '../setup-actions';
import type { SetupAction, SetupStep, SetupStepContext } from '../setup-step';
import { readCluster, readDoubleTake } from './doubletake/node-reads';
import { describeDifference, describeRule, manualAction } from './doubletake/replication-set-diff';
import {
  neededCommands,
  nodeSetProblems,
  readNodeReplicationSet,
  wholeSetCommands,
  type NodeReplicationSet,
  type WantedReplicationSet,
} from './doubletake/replication-set-node';

/**
 * Guide 4.4: the replication set, first on the node that owns the Exchange group, then the identical set on every
 * other source node (the rules may name paths the other nodes cannot reach now — that is expected), each saved.
 * The set's name is exact and case-sensitive. Nothing is removed: a rule the document does not list, or one that
 * conflicts with it, is reported with the manual action and fails verification.
 */
export const replicationSetStep: SetupStep = {
  id: '4.4',

  async plan(context) {
    const { pair, world } = context;
    const wanted = wantedSet(pair);
    const order = await nodeOrder(context);
    const actions: SetupAction[] = [];
    const warnings = [...order.warnings];
    const findings = [...order.findings];
    for (const node of order.nodes) {
      const read = await readDoubleTake(node, () => readNodeReplicationSet(world, node, wanted));
      if (!read.ok) {
        warnings.push(`${read.problem} Replication set "${wanted.name}" is not planned there; verification fails until it is made.`);
        continue;
      }
      const part = planNode(context, read.value, wanted, node === order.nodes[0]);
      actions.push(part.action);
      warnings.push(...part.warnings);
      findings.push(...part.findings);
    }
    return { actions, warnings, findings };
  },

  async verify(context) {
    const wanted = wantedSet(context.pair);
    const order = await nodeOrder(context);
    const checks: VerifyCheck[] = [];
    for (const node of order.nodes) {
      const what = `${node}: replication set "${wanted.name}" holds exactly the pair document's rules and is saved`;
      const read = await readDoubleTake(node, () => readNodeReplicationSet(context.world, node, wanted));
      if (!read.ok) {
        checks.push({ what, ok: false, detail: read.problem });
        continue;
      }
      const problems = nodeSetProblems(read.value, wanted);
      checks.push({
        what,
        ok: problems.length === 0,
        detail: problems.length > 0 ? `${problems.join('; ')}.` : `${node}: ${wanted.rules.map(describeRule).join(', ')}; saved.`,
      });
    }
    return checks;
  },
};

function wantedSet(pair: PairDocument): WantedReplicationSet {
  return { name: pair.replicationSet.name, rules: pair.replicationSet.rules };
}

/** One node's action (needed or shown as done), with what was found there. */
function planNode(
  { world }: SetupStepContext,
  state: NodeReplicationSet,
  wanted: WantedReplicationSet,
  first: boolean,
): { action: SetupAction; warnings: string[]; findings: string[] } {
  const { node } = state;
  const warnings: string[] = [];
  const findings: string[] = [];
  for (const variant of state.caseVariants) {
    warnings.push(
      `${node}: replication set "${variant}" differs from "${wanted.name}" only by case; Double-Take treats it as a different set, and the ` +
        `Source Connection resource uses "${wanted.name}". It is left alone: delete it by hand (Management Console, or DTCL REPSET DELETE ${variant};) if nothing uses it.`,
    );
  }
  if (state.set === undefined) findings.push(`${node}: replication set "${wanted.name}" does not exist yet.`);
  else if (state.set.unsavedChanges) findings.push(`${node}: replication set "${wanted.name}" has unsaved changes; it is saved.`);
  for (const difference of state.differences) {
    const manual = manualAction(node, wanted.name, difference);
    if (manual === undefined) findings.push(`${describeDifference(node, difference)}.`);
    else warnings.push(`${describeDifference(node, difference)}. ${manual}`);
  }
  const commands = neededCommands(state, wanted);
  const role = first ? 'first node' : `identical to the first node`;
  if (commands.length === 0) {
    return { action: doubleTakeAction(world, node, wholeSetCommands(wanted), `${node} (${role}): replication set "${wanted.name}" is there and saved`, false), warnings, findings };
  }
  const added = commands.filter((c) => c.kind === 'repset-rule-add').length;
  const parts = [
    ...(state.set === undefined ? [`create replication set "${wanted.name}"`] : []),
    ...(added > 0 ? [`add ${added} rule${added === 1 ? '' : 's'}`] : []),
    'save the replication sets',
  ];
  return { action: doubleTakeAction(world, node, commands, `${node} (${role}): ${parts.join(', ')}`, true), warnings, findings };
}

/**
 * The source nodes in the order the guide works: the node owning the Exchange group first, then the others in the
 * document's order. Without an owner (no group yet, no node up, cluster unreadable) the document's first node
 * starts, with a warning.
 */
async function nodeOrder({ pair, world }: SetupStepContext): Promise<{ nodes: string[]; warnings: string[]; findings: string[] }> {
  const nodes = pair.source.cluster.nodes.map((n) => n.name);
  const groupName = pair.source.group.name;
  const first = nodes[0] ?? '';
  const fallback = (why: string) => ({ nodes, warnings: [`${why} Starting with the pair document's first node, ${first}.`], findings: [] });
  const groups = await readCluster(world.source.cluster, () => world.source.groups());
  if (!groups.ok) return fallback(`${groups.problem}; the owner of "${groupName}" is unknown.`);
  const group = groups.value.find((g) => sameClusterName(g.name, groupName));
  if (group === undefined) return fallback(`The group "${groupName}" does not exist on ${world.source.cluster} yet (step 4.2.1), so no node owns it.`);
  if (group.owner === undefined) return fallback(`The group "${groupName}" has no owner now (is any node up?).`);
  const owner = group.owner;
  const index = nodes.findIndex((n) => sameClusterName(n, owner));
  if (index < 0) return fallback(`The group "${groupName}" is owned by ${owner}, which the pair document does not list as a source node.`);
  const ordered = [nodes[index] ?? owner, ...nodes.filter((_, i) => i !== index)];
  const others = ordered.slice(1);
  return {
    nodes: ordered,
    warnings: [],
    findings: [`${ordered[0]} owns "${groupName}": the replication set is made there first${others.length > 0 ? `, then identically on ${others.join(', ')}` : ''}.`],
  };
}
