import { sameName } from '../../cluster/object-names';
import { isWindowsPathWithin, windowsParentPath, windowsPathKey } from '../../nodes/windows-path';
import type { ReplicationRule } from '../doubletake/doubletake-state';
import { fileKey, type AppliedMirror, type DatabaseFileState, type LabExchangeState } from './lab-exchange-state';

/** One Double-Take connection as the lab's Exchange looks at it: its mirror, and the rules of its replication set. */
export interface ObservedConnection {
  /** The source node the connection runs on. */
  readonly node: string;
  readonly connectionId: number;
  readonly replicationSet: string;
  /** The Double-Take Target: an address or a name. */
  readonly target: string;
  readonly mirror: 'idle' | 'started' | 'complete';
  readonly bytesToMirror: number;
  readonly rules: readonly ReplicationRule[];
}

/** Where the lab's names lead: the cluster a node belongs to, and the cluster a Double-Take Target reaches. */
export interface ClusterLocator {
  clusterOfNode(node: string): string | undefined;
  clusterOfTarget(target: string): string | undefined;
}

/**
 * Whether a replication set sends a file: the most specific rule that reaches it (the file itself, its folder, or a
 * recursive rule on a folder above) includes it.
 */
export function ruleIncludes(rules: readonly ReplicationRule[], path: string): boolean {
  const parent = windowsPathKey(windowsParentPath(path));
  const reaching = rules.filter((rule) => {
    if (!isWindowsPathWithin(path, rule.path)) return false;
    return rule.recursive || windowsPathKey(rule.path) === windowsPathKey(path) || windowsPathKey(rule.path) === parent;
  });
  const specific = reaching.sort((a, b) => windowsPathKey(b.path).length - windowsPathKey(a.path).length)[0];
  return specific?.mode === 'include';
}

function sameMirror(applied: AppliedMirror, c: ObservedConnection): boolean {
  return (
    sameName(applied.node, c.node) &&
    applied.connectionId === c.connectionId &&
    applied.replicationSet === c.replicationSet &&
    sameName(applied.target, c.target) &&
    applied.bytesToMirror === c.bytesToMirror
  );
}

/**
 * Turns every newly completed mirror into copies: each database file the source cluster knows, inside the
 * connection's replication set, becomes on the target cluster a copy of what was last mounted at the source (so the
 * target's store finds a copy, and mounts it only with msExchPatchMDB TRUE). The source is the connection's node's
 * cluster; the target is the cluster its Double-Take Target reaches: source → target while protecting, target →
 * source during a failback (the target's reverse Source Connection). A completed mirror is applied once (recorded in
 * `appliedMirrors`); a mirror seen running again is forgotten, so its next completion applies again. `upNodes`:
 * nodes whose connections were observed (a node that is down keeps its records).
 */
export function applyCompletedMirrors(
  state: LabExchangeState,
  observed: readonly ObservedConnection[],
  upNodes: readonly string[],
  locate: ClusterLocator,
  at: string,
): LabExchangeState {
  let files = [...state.files];
  const applied: AppliedMirror[] = state.appliedMirrors.filter(
    (a) => !upNodes.some((n) => sameName(n, a.node)) || observed.some((c) => c.mirror === 'complete' && sameMirror(a, c)),
  );
  for (const connection of observed) {
    if (connection.mirror !== 'complete' || applied.some((a) => sameMirror(a, connection))) continue;
    const source = locate.clusterOfNode(connection.node);
    const target = locate.clusterOfTarget(connection.target);
    if (source !== undefined && target !== undefined && !sameName(source, target)) files = copyFiles(files, source, target, connection.rules, at);
    applied.push({
      node: connection.node,
      connectionId: connection.connectionId,
      replicationSet: connection.replicationSet,
      target: connection.target,
      bytesToMirror: connection.bytesToMirror,
    });
  }
  return { ...state, files, appliedMirrors: applied };
}

function copyFiles(files: readonly DatabaseFileState[], source: string, target: string, rules: readonly ReplicationRule[], at: string): DatabaseFileState[] {
  const out = [...files];
  for (const file of files.filter((f) => sameName(f.cluster, source) && ruleIncludes(rules, f.path))) {
    const key = fileKey(target, file.path);
    const copy: DatabaseFileState = { cluster: target, path: file.path, lastMountedBy: file.lastMountedBy, at };
    const index = out.findIndex((f) => fileKey(f.cluster, f.path) === key);
    if (index < 0) out.push(copy);
    else out[index] = copy;
  }
  return out;
}
