import type { NodeFiles } from '../nodes/port';
import { joinWindowsPath } from '../nodes/windows-path';
import type { ClusterData, ResourceData } from './mscs/cluster-data';
import type { MscsCluster } from './mscs/mscs-cluster';
import { sameName } from '../cluster/object-names';
import type { DoubleTakeLab } from './doubletake/doubletake-lab';
import { runDtclScript } from './doubletake/dtcl-script-run';

/**
 * What the Double-Take Source Connection resource's DLL does in the lab: when MSCS brings the resource online on a
 * node, the node's `online.dtcl` runs there (connect the replication set to the target, start the mirror with the
 * options the script gives, ORPHANS once patched); when it goes offline, or leaves a node that is still up, the
 * node's `offline.dtcl` disconnects it. A script that returns non-zero leaves the resource Failed, as MSCS does
 * when a resource's Online fails. [assumed] the resource runs the scripts from the Double-Take install folder and
 * sets $source, $target, $repset (online) and $source, $conid (offline), as the shipped scripts' headers say.
 */

export const SOURCE_CONNECTION_TYPE = 'Double-Take Source Connection';
/** [assumed] the resource's private properties, as step 4.5 sets them. */
export const SOURCE_CONNECTION_PROPERTIES = { replicationSet: 'ReplicationSet', target: 'Target' } as const;

export interface SourceConnectionChange {
  readonly resource: string;
  readonly kind: 'online' | 'offline';
  /** Online: the node it came online on; offline: the node it was online on. */
  readonly node: string;
  readonly replicationSet: string;
  readonly target: string;
}

/** Why a Source Connection resource's script failed on a node (online: the resource is left Failed): its words. */
export interface SourceConnectionFailure {
  readonly resource: string;
  readonly node: string;
  readonly detail: string;
}

function ownerOf(data: ClusterData, resource: ResourceData): string | undefined {
  const owner = data.groups.find((g) => sameName(g.name, resource.group))?.owner;
  return owner ?? undefined;
}

function property(resource: ResourceData, name: string): string {
  const entry = Object.entries(resource.privateProperties).find(([key]) => sameName(key, name));
  return entry === undefined ? '' : String(entry[1]);
}

/** Where a Source Connection resource is online: its owner node, or undefined when it is not online. */
function onlineAt(data: ClusterData, name: string): { resource: ResourceData; node: string } | undefined {
  const resource = data.resources.find((r) => sameName(r.name, name));
  if (resource === undefined || resource.state !== 'Online' || !sameName(resource.type, SOURCE_CONNECTION_TYPE)) return undefined;
  const node = ownerOf(data, resource);
  return node === undefined ? undefined : { resource, node };
}

/**
 * The Source Connection resources that came online (on a node) or stopped being online on a node between two
 * states of one cluster: offline changes first, in the order MSCS takes resources offline before moving a group.
 */
export function sourceConnectionChanges(before: ClusterData, after: ClusterData): SourceConnectionChange[] {
  const names = [...before.resources, ...after.resources].filter((r) => sameName(r.type, SOURCE_CONNECTION_TYPE)).map((r) => r.name);
  const offline: SourceConnectionChange[] = [];
  const online: SourceConnectionChange[] = [];
  for (const name of new Set(names)) {
    const was = onlineAt(before, name);
    const is = onlineAt(after, name);
    if (was !== undefined && !(is !== undefined && sameName(is.node, was.node))) {
      offline.push({ resource: was.resource.name, kind: 'offline', node: was.node, ...targetOf(was.resource) });
    }
    if (is !== undefined && !(was !== undefined && sameName(was.node, is.node))) {
      online.push({ resource: is.resource.name, kind: 'online', node: is.node, ...targetOf(is.resource) });
    }
  }
  return [...offline, ...online];
}

function targetOf(resource: ResourceData): { replicationSet: string; target: string } {
  return {
    replicationSet: property(resource, SOURCE_CONNECTION_PROPERTIES.replicationSet),
    target: property(resource, SOURCE_CONNECTION_PROPERTIES.target),
  };
}

export interface SourceConnectionWorld {
  readonly doubleTake: DoubleTakeLab;
  readonly nodeFiles: NodeFiles;
  /** The Double-Take install folder on a node (where online.dtcl and offline.dtcl are). */
  readonly installFolder: (node: string) => string;
  readonly isNodeUp: (node: string) => boolean;
}

async function script(world: SourceConnectionWorld, node: string, name: string): Promise<string> {
  const bytes = await world.nodeFiles.readFile(node, joinWindowsPath(world.installFolder(node), name));
  const text = bytes.toString('utf8');
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** Runs the scripts the changes call for; returns the resources whose online script failed (to be marked Failed). */
export async function runSourceConnectionScripts(
  changes: readonly SourceConnectionChange[],
  world: SourceConnectionWorld,
): Promise<SourceConnectionFailure[]> {
  const failures: SourceConnectionFailure[] = [];
  for (const change of changes) {
    if (!world.isNodeUp(change.node)) continue; // a node that went down takes its Double-Take with it
    if (change.kind === 'offline') {
      const connection = world.doubleTake
        .server(change.node)
        .connections()
        .find((c) => c.replicationSet === change.replicationSet && c.target.toLowerCase() === change.target.toLowerCase());
      if (connection === undefined) continue;
      await runScript(change, 'offline.dtcl', { source: change.node, conid: connection.id });
      continue;
    }
    await runScript(change, 'online.dtcl', { source: change.node, target: change.target, repset: change.replicationSet });
  }
  return failures;

  async function runScript(change: SourceConnectionChange, name: string, variables: Readonly<Record<string, string | number>>): Promise<void> {
    try {
      const outcome = runDtclScript(world.doubleTake, await script(world, change.node, name), { node: change.node, variables });
      if (outcome.exitCode !== 0) failures.push({ resource: change.resource, node: change.node, detail: `${name} returned ${outcome.exitCode}: ${outcome.lines.join(' ')}` });
    } catch (error) {
      failures.push({ resource: change.resource, node: change.node, detail: `${name}: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
}

/**
 * What MSCS makes of the scripts' outcome: runs them for the changes of one cluster and leaves each resource whose
 * online script failed Failed in that cluster. Returns the failures (for the error the command reports).
 */
export async function settleSourceConnections(
  model: MscsCluster,
  changes: readonly SourceConnectionChange[],
  world: SourceConnectionWorld,
): Promise<SourceConnectionFailure[]> {
  const failures = await runSourceConnectionScripts(changes, world);
  for (const failure of failures) model.failResource(failure.resource);
  return failures;
}

/** The failures in one line, for the error the command that set them off reports. */
export function describeFailures(failures: readonly SourceConnectionFailure[]): string {
  return failures.map((f) => `'${f.resource}' on ${f.node}: ${f.detail}`).join('; ');
}
