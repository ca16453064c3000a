import type { DoubleTakeCommand, DoubleTakeRule, ReplicationSetInfo } from '../../../doubletake/port';
import type { SetupWorld } from '../../setup-world';
import { caseVariants, compareReplicationRules, describeDifference, type RuleDifference } from './replication-set-diff';

/**
 * One node's replication set against the pair document (guide 4.4): what is there, what differs, and the DTCL
 * commands that close the gap without removing anything — create the set when it is missing, add the missing rules,
 * save when something was added or the set has unsaved changes.
 */

/** The set the pair document asks for: exact, case-sensitive name and its rules. */
export interface WantedReplicationSet {
  readonly name: string;
  readonly rules: readonly DoubleTakeRule[];
}

/** What one node has. */
export interface NodeReplicationSet {
  readonly node: string;
  /** The set named exactly as wanted, or undefined. */
  readonly set: ReplicationSetInfo | undefined;
  /** Other sets whose names differ from the wanted name only by case. */
  readonly caseVariants: readonly string[];
  /** Rule by rule, against the document (every rule is missing when the set is). */
  readonly differences: readonly RuleDifference[];
}

/** Reads the node's sets now (throws DoubleTakePortError when the node cannot be read). */
export async function readNodeReplicationSet(world: SetupWorld, node: string, wanted: WantedReplicationSet): Promise<NodeReplicationSet> {
  const sets = await world.doubleTake(node).replicationSets();
  const set = sets.find((candidate) => candidate.name === wanted.name);
  return {
    node,
    set,
    caseVariants: caseVariants(sets, wanted.name),
    differences: compareReplicationRules(wanted.rules, set?.rules ?? []),
  };
}

/** The commands still needed on the node (empty: nothing to do). Extra and conflicting rules are left alone. */
export function neededCommands(state: NodeReplicationSet, wanted: WantedReplicationSet): DoubleTakeCommand[] {
  const commands: DoubleTakeCommand[] = [];
  if (state.set === undefined) commands.push({ kind: 'repset-create', replicationSet: wanted.name });
  for (const difference of state.differences) {
    if (difference.kind === 'missing') commands.push({ kind: 'repset-rule-add', replicationSet: wanted.name, rule: ruleOf(difference.rule) });
  }
  if (commands.length > 0 || state.set?.unsavedChanges === true) commands.push({ kind: 'repset-save' });
  return commands;
}

/** The whole script that makes the set from nothing: what is shown when a node needs nothing. */
export function wholeSetCommands(wanted: WantedReplicationSet): DoubleTakeCommand[] {
  return [
    { kind: 'repset-create', replicationSet: wanted.name },
    ...wanted.rules.map((rule): DoubleTakeCommand => ({ kind: 'repset-rule-add', replicationSet: wanted.name, rule: ruleOf(rule) })),
    { kind: 'repset-save' },
  ];
}

/** Why the node's set is not what the document wants, one line each; empty when it is. */
export function nodeSetProblems(state: NodeReplicationSet, wanted: WantedReplicationSet): string[] {
  const problems: string[] = [];
  if (state.set === undefined) {
    const variants = state.caseVariants.map((name) => `"${name}"`).join(', ');
    problems.push(`${state.node}: there is no replication set named exactly "${wanted.name}"${variants === '' ? '' : ` (only ${variants}, which Double-Take treats as a different set)`}`);
  }
  for (const difference of state.differences) {
    if (state.set !== undefined || difference.kind !== 'missing') problems.push(describeDifference(state.node, difference));
  }
  if (state.set?.unsavedChanges === true) problems.push(`${state.node}: replication set "${wanted.name}" has unsaved changes (a service restart would lose them)`);
  return problems;
}

function ruleOf(rule: DoubleTakeRule): DoubleTakeRule {
  return { path: rule.path, mode: rule.mode, recursive: rule.recursive };
}
