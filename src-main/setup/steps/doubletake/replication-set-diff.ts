import type { DoubleTakeRule, ReplicationSetInfo } from '../../../doubletake/port';
import { windowsPathKey, WindowsPathError } from '../../../nodes/windows-path';

/**
 * How a node's replication set differs from the pair document, rule by rule. The guide (4.4 step 12, NOTE) needs
 * every node's rules identical to the first node's; the pair document records them, so each node is compared with
 * the document. Paths compare as Windows compares them (case, separators); include/exclude and recursion must
 * match. Set names are compared exactly: Double-Take's names are case-sensitive.
 */

/** One way a node's rules differ from the document's. */
export type RuleDifference =
  /** The document's rule is not on the node: the step adds it. */
  | { readonly kind: 'missing'; readonly rule: DoubleTakeRule }
  /** The node has a rule for a path the document does not list: left alone, removed by hand. */
  | { readonly kind: 'extra'; readonly rule: DoubleTakeRule }
  /** Same path, different include/exclude or recursion: left alone, fixed by hand. */
  | { readonly kind: 'conflicting'; readonly wanted: DoubleTakeRule; readonly found: DoubleTakeRule };

/** The differences between what the document wants and what a node has, in the document's order then the node's. */
export function compareReplicationRules(wanted: readonly DoubleTakeRule[], found: readonly DoubleTakeRule[]): RuleDifference[] {
  const differences: RuleDifference[] = [];
  const foundByPath = new Map(found.map((rule) => [pathKey(rule.path), rule]));
  const wantedPaths = new Set(wanted.map((rule) => pathKey(rule.path)));
  for (const rule of wanted) {
    const there = foundByPath.get(pathKey(rule.path));
    if (there === undefined) differences.push({ kind: 'missing', rule });
    else if (there.mode !== rule.mode || there.recursive !== rule.recursive) differences.push({ kind: 'conflicting', wanted: rule, found: there });
  }
  for (const rule of found) {
    if (!wantedPaths.has(pathKey(rule.path))) differences.push({ kind: 'extra', rule });
  }
  return differences;
}

/** A rule as the Replication Set Properties table reads: `E:\Exchsrvr include recursive`. */
export function describeRule(rule: DoubleTakeRule): string {
  return `${rule.path} ${rule.mode} ${rule.recursive ? 'recursive' : 'non-recursive'}`;
}

/** One difference in words, naming the node: `SRC2: rule E:\Exchsrvr include recursive is missing`. */
export function describeDifference(node: string, difference: RuleDifference): string {
  switch (difference.kind) {
    case 'missing':
      return `${node}: rule ${describeRule(difference.rule)} is missing`;
    case 'extra':
      return `${node}: extra rule ${describeRule(difference.rule)} is not in the pair document`;
    case 'conflicting':
      return `${node}: rule ${describeRule(difference.found)} conflicts with the pair document's ${describeRule(difference.wanted)}`;
  }
}

/**
 * What the administrator does by hand for a difference the step cannot fix (the port has no command that removes
 * a rule): the Management Console steps and the DTCL lines. Undefined for a missing rule, which the step adds.
 * [assumed] DTCL's `REPSET RULE REMOVE "<path>" FROM <set>` removes a rule, as the lab's DTCL emulator takes it.
 */
export function manualAction(node: string, setName: string, difference: RuleDifference): string | undefined {
  switch (difference.kind) {
    case 'missing':
      return undefined;
    case 'extra':
      return (
        `On ${node}, remove the rule: in the Management Console right-click replication set ${setName}, Properties, select ` +
        `${difference.rule.path} and click Remove, then save the set; or in DTCL on ${node}: ` +
        `REPSET RULE REMOVE "${difference.rule.path}" FROM ${setName}; REPSET SAVE; — then verify again.`
      );
    case 'conflicting':
      return (
        `On ${node}, remove the rule ${describeRule(difference.found)} (Management Console: replication set ${setName}, Properties, ` +
        `select ${difference.found.path}, Remove, then save; DTCL: REPSET RULE REMOVE "${difference.found.path}" FROM ${setName}; REPSET SAVE;), ` +
        `then apply this step again: it adds ${describeRule(difference.wanted)}.`
      );
  }
}

/** Sets whose names differ from `name` only by case: for Double-Take they are other sets. */
export function caseVariants(sets: readonly ReplicationSetInfo[], name: string): string[] {
  return sets.filter((set) => set.name !== name && set.name.toLowerCase() === name.toLowerCase()).map((set) => set.name);
}

/** The key of a path for comparing; a path Windows would refuse is compared as typed. */
function pathKey(path: string): string {
  try {
    return windowsPathKey(path);
  } catch (error) {
    if (error instanceof WindowsPathError) return path;
    throw error;
  }
}
