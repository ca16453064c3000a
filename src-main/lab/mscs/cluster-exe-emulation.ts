import type { ClusterCommand, GroupState, PrivateValue, ResourceInfo, ResourceState } from '../../cluster/port';
import { ClusterError } from '../../cluster/port';
import {
  ClusterExeUsageError,
  parseClusterExeArgs,
  type ClusterExeInvocation,
  type ClusterExeQuery,
  type NodeAction,
} from '../../cluster/cluster-exe-invocation';
import {
  formatGroupStatus,
  formatNodeStatus,
  formatOwnerList,
  formatPropertyListing,
  formatResourceStatus,
  type PropertyRow,
} from '../../cluster/cluster-exe-output';
import { assertNever } from '../../shared/assert-never';
import { formatSystemError, formatSystemWarning, WIN32 } from '../../cluster/win32-errors';
import type { MscsCluster } from './mscs-cluster';
import { sameName } from '../../cluster/object-names';
import { typedPrivateValue } from './private-value-text';

/** What one cluster.exe run prints and returns; `changed` tells the caller to save the clusters. */
export interface EmulatorRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  readonly changed: boolean;
}

/**
 * Pending states the emulator reports ([assumed] lab feature, so that waits on pending states are tested for real):
 * after `res|group /online|/offline` (and `group /moveto`) without `/wait`, the object shows `Online Pending` /
 * `Offline Pending` (a group: `Pending`) in the command's own table and in the next `remaining` status listings that
 * show it (`res /stat`, `group /stat`, with or without a name); each such listing counts one. The model itself has
 * already reached the final state. Keys: `CLUSTER|res|NAME` or `CLUSTER|group|NAME`, upper case.
 */
export interface PendingEntry {
  readonly state: 'Online Pending' | 'Offline Pending';
  remaining: number;
}
export type PendingEntries = Record<string, PendingEntry>;

/** How the emulator behaves beyond the model. */
export interface EmulatorOptions {
  /** How many status listings report a pending state after an online/offline (default 0: none). */
  readonly pendingPolls?: number;
  /** The pending states left from earlier runs; updated in place (the CLI keeps them beside the clusters file). */
  readonly pending?: PendingEntries;
}

const pendingKey = (cluster: string, kind: 'res' | 'group', name: string): string =>
  `${cluster}|${kind}|${name}`.toUpperCase();

/** Reads and counts down the pending state of one object as a status listing shows it. */
interface PendingView {
  resource(name: string, state: ResourceState, count: boolean): ResourceState;
  group(name: string, state: GroupState, count: boolean): GroupState;
}

function pendingView(cluster: string, entries: PendingEntries | undefined): PendingView & { changed: boolean } {
  const view = {
    changed: false,
    look(key: string, count: boolean): PendingEntry | undefined {
      const e = entries?.[key];
      if (e === undefined || entries === undefined) return undefined;
      if (e.remaining <= 0) {
        delete entries[key];
        view.changed = true;
        return undefined;
      }
      if (count) {
        e.remaining -= 1;
        view.changed = true;
      }
      return e;
    },
    resource(name: string, state: ResourceState, count: boolean): ResourceState {
      return view.look(pendingKey(cluster, 'res', name), count)?.state ?? state;
    },
    group(name: string, state: GroupState, count: boolean): GroupState {
      return view.look(pendingKey(cluster, 'group', name), count) === undefined ? state : 'Pending';
    },
  };
  return view;
}

const NO_PENDING: PendingView = { resource: (_n, s) => s, group: (_n, s) => s };

/** The object whose state a command leaves pending, and in which direction. */
function pendingTarget(c: ClusterCommand): { kind: 'res' | 'group'; name: string; state: PendingEntry['state'] } | undefined {
  switch (c.kind) {
    case 'resource-online':
      return { kind: 'res', name: c.resource, state: 'Online Pending' };
    case 'resource-offline':
      return { kind: 'res', name: c.resource, state: 'Offline Pending' };
    case 'group-online':
    case 'group-move':
      return { kind: 'group', name: c.group, state: 'Online Pending' };
    case 'group-offline':
      return { kind: 'group', name: c.group, state: 'Offline Pending' };
    default:
      return undefined;
  }
}

/** The progress line cluster.exe prints before it acts (none for property sets). [assumed] wording of some. */
export function progressLine(command: ClusterCommand): string | undefined {
  switch (command.kind) {
    case 'group-create':
      return `Creating resource group '${command.group}'...`;
    case 'group-online':
      return `Bringing resource group '${command.group}' online...`;
    case 'group-offline':
      return `Taking resource group '${command.group}' offline...`;
    case 'group-move':
      return `Moving resource group '${command.group}'...`;
    case 'group-set-owners':
      return `Setting preferred owners for resource group '${command.group}'...`;
    case 'group-delete':
      return `Deleting resource group '${command.group}'...`;
    case 'resource-create':
      return `Creating resource '${command.resource}'...`;
    case 'resource-add-dependency':
      return `Making resource '${command.resource}' depend on resource '${command.dependsOn}'...`;
    case 'resource-remove-dependency':
      return `Removing dependency of resource '${command.resource}' on resource '${command.dependsOn}'...`;
    case 'resource-add-owner':
      return `Adding '${command.node}' to the possible owners of resource '${command.resource}'...`;
    case 'resource-remove-owner':
      return `Removing '${command.node}' from the possible owners of resource '${command.resource}'...`;
    case 'resource-online':
      return `Bringing resource '${command.resource}' online...`;
    case 'resource-offline':
      return `Taking resource '${command.resource}' offline...`;
    case 'resource-delete':
      return `Deleting resource '${command.resource}'...`;
    case 'group-set-description':
    case 'resource-set-description':
    case 'resource-set-private':
      return undefined;
    default:
      return assertNever(command, 'cluster command');
  }
}

const resourceRow = (r: ResourceInfo, view: PendingView = NO_PENDING, count = false) => ({
  resource: r.name,
  group: r.group,
  node: r.owner ?? '',
  status: view.resource(r.name, r.state, count),
});

/** Gives a /priv command's text values the formats of the resource's properties. */
function typedCommand(model: MscsCluster, invocation: Extract<ClusterExeInvocation, { kind: 'command' }>): ClusterCommand {
  const c = invocation.command;
  if (c.kind !== 'resource-set-private') return c;
  const type = model.resource(c.resource).type;
  const properties: Record<string, PrivateValue> = {};
  for (const [k, v] of Object.entries(c.properties)) {
    properties[k] = typeof v === 'number' ? v : typedPrivateValue(type, k, v, invocation.formats[k]);
  }
  return { ...c, properties };
}

/** The status table cluster.exe prints after a command that changes an object's state. */
function afterCommand(model: MscsCluster, c: ClusterCommand, view: PendingView): string {
  switch (c.kind) {
    case 'group-create':
    case 'group-online':
    case 'group-offline':
    case 'group-move': {
      const g = model.group(c.group);
      return formatGroupStatus([{ group: g.name, node: g.owner ?? '', status: view.group(g.name, g.state, false) }], '');
    }
    case 'resource-create':
    case 'resource-online':
    case 'resource-offline':
      return formatResourceStatus([resourceRow(model.resource(c.resource), view)], '');
    case 'group-set-description':
    case 'group-set-owners':
    case 'group-delete':
    case 'resource-set-description':
    case 'resource-set-private':
    case 'resource-add-dependency':
    case 'resource-remove-dependency':
    case 'resource-add-owner':
    case 'resource-remove-owner':
    case 'resource-delete':
      return '';
    default:
      return assertNever(c, 'cluster command');
  }
}

function nodeProgress(action: NodeAction, node: string): string {
  switch (action) {
    case 'pause':
      return `Pausing node '${node}'...`;
    case 'resume':
      return `Resuming node '${node}'...`;
    case 'start':
      return `Starting the Cluster service on node '${node}'...`;
    case 'stop':
      return `Stopping the Cluster service on node '${node}'...`;
    default:
      return assertNever(action, 'node action');
  }
}

function runNodeAction(model: MscsCluster, action: NodeAction, node: string): void {
  switch (action) {
    case 'pause':
      return model.pauseNode(node);
    case 'resume':
      return model.resumeNode(node);
    case 'start':
      return model.startNode(node);
    case 'stop':
      return model.stopNode(node);
    default:
      return assertNever(action, 'node action');
  }
}

function privateRows(r: ResourceInfo): PropertyRow[] {
  return Object.entries(r.privateProperties).map(([name, value]) => ({ object: r.name, name, value }));
}

function commonResourceRows(model: MscsCluster, r: ResourceInfo): PropertyRow[] {
  const persistent = model.toJSON().resources.find((x) => sameName(x.name, r.name))?.persistentState === 'Online' ? 1 : 0;
  return [
    { object: r.name, name: 'Name', value: r.name },
    { object: r.name, name: 'Type', value: r.type },
    { object: r.name, name: 'Description', value: r.description },
    { object: r.name, name: 'PersistentState', value: persistent },
  ];
}

/** The text of one listing. */
export function runQuery(model: MscsCluster, q: ClusterExeQuery, view: PendingView = NO_PENDING): string {
  switch (q.kind) {
    case 'node-status': {
      const all = model.nodes().map((n, i) => ({ node: n.name, id: i + 1, status: n.state }));
      if (q.node === undefined) return formatNodeStatus(all);
      const node = q.node;
      const one = all.filter((n) => sameName(n.node, node));
      if (one.length === 0) throw new ClusterError(WIN32.ERROR_CLUSTER_NODE_NOT_FOUND, `node '${node}'`);
      return formatNodeStatus(one, `Listing status for node '${one[0]?.node ?? node}':`);
    }
    case 'group-status': {
      const row = (g: { name: string; owner: string | undefined; state: GroupState }) => ({
        group: g.name,
        node: g.owner ?? '',
        status: view.group(g.name, g.state, true),
      });
      if (q.group === undefined) return formatGroupStatus(model.groups().map(row));
      const g = model.group(q.group);
      return formatGroupStatus([row(g)], `Listing status for resource group '${g.name}':`);
    }
    case 'resource-status': {
      if (q.resource === undefined) return formatResourceStatus(model.resources().map((r) => resourceRow(r, view, true)));
      const r = model.resource(q.resource);
      return formatResourceStatus([resourceRow(r, view, true)], `Listing status for resource '${r.name}':`);
    }
    case 'resource-dependencies': {
      const r = model.resource(q.resource);
      return formatResourceStatus(
        r.dependencies.map((d) => resourceRow(model.resource(d))),
        `Listing resource dependencies for '${r.name}':`,
      );
    }
    case 'resource-owners': {
      const r = model.resource(q.resource);
      return formatOwnerList(`Listing possible owners for resource '${r.name}':`, 'Possible Owner Nodes', r.possibleOwners);
    }
    case 'group-owners': {
      const g = model.group(q.group);
      return formatOwnerList(
        `Listing preferred owners for resource group '${g.name}':`,
        'Preferred Owner Nodes',
        g.preferredOwners,
      );
    }
    case 'group-properties': {
      const groups = q.group === undefined ? model.groups() : [model.group(q.group)];
      const rows = groups.flatMap((g): PropertyRow[] => [
        { object: g.name, name: 'Name', value: g.name },
        { object: g.name, name: 'Description', value: g.description },
        { object: g.name, name: 'PersistentState', value: g.state === 'Offline' ? 0 : 1 },
        { object: g.name, name: 'FailoverThreshold', value: 10 },
        { object: g.name, name: 'FailoverPeriod', value: 6 },
        { object: g.name, name: 'AutoFailbackType', value: 0 },
      ]);
      const title = q.group === undefined ? 'Listing properties for all resource groups:' : `Listing properties for '${groups[0]?.name ?? ''}':`;
      return formatPropertyListing(title, 'Group', rows);
    }
    case 'resource-properties': {
      const resources = q.resource === undefined ? model.resources() : [model.resource(q.resource)];
      const title = q.resource === undefined ? 'Listing properties for all resources:' : `Listing properties for '${resources[0]?.name ?? ''}':`;
      return formatPropertyListing(title, 'Resource', resources.flatMap((r) => commonResourceRows(model, r)));
    }
    case 'resource-private': {
      const resources = q.resource === undefined ? model.resources() : [model.resource(q.resource)];
      const title =
        q.resource === undefined ? 'Listing private properties for all resources:' : `Listing private properties for '${resources[0]?.name ?? ''}':`;
      return formatPropertyListing(title, 'Resource', resources.flatMap(privateRows));
    }
    default:
      return assertNever(q, 'cluster.exe listing');
  }
}

const failure = (code: number, stdout = ''): EmulatorRun => ({
  stdout,
  stderr: `${formatSystemError(code)}\n`,
  exitCode: code,
  changed: false,
});

/**
 * Runs one cluster.exe argument list against the clusters: what it prints, its exit code (0, or the Win32 error
 * number, as cluster.exe exits), and whether the clusters changed. Bad syntax is 87; an unknown cluster 1722.
 */
export function emulateClusterExe(
  clusters: ReadonlyMap<string, MscsCluster>,
  args: readonly string[],
  options: EmulatorOptions = {},
): EmulatorRun & { readonly pendingChanged: boolean } {
  const pending = options.pending;
  let pendingChanged = false;
  const run = emulate(clusters, args, (cluster) => {
    const view = pendingView(cluster, pending);
    return {
      view,
      /** After a command: the object it names leaves any pending state, or enters one. */
      commanded(command: ClusterCommand, wait: boolean): void {
        if (pending === undefined) return;
        const target = pendingTarget(command);
        const name = 'resource' in command ? command.resource : command.group;
        for (const kind of ['res', 'group'] as const) {
          const key = pendingKey(cluster, kind, name);
          if (key in pending && (target === undefined || target.kind === kind)) {
            delete pending[key];
            pendingChanged = true;
          }
        }
        const polls = Math.floor(options.pendingPolls ?? 0);
        if (target === undefined || wait || polls <= 0) return;
        pending[pendingKey(cluster, target.kind, target.name)] = { state: target.state, remaining: polls };
        pendingChanged = true;
      },
      done(): void {
        if (view.changed) pendingChanged = true;
      },
    };
  });
  return { ...run, pendingChanged };
}

interface PendingHooks {
  readonly view: PendingView;
  commanded(command: ClusterCommand, wait: boolean): void;
  done(): void;
}

function emulate(
  clusters: ReadonlyMap<string, MscsCluster>,
  args: readonly string[],
  hooksFor: (cluster: string) => PendingHooks,
): EmulatorRun {
  let invocation: ClusterExeInvocation;
  try {
    invocation = parseClusterExeArgs(args);
  } catch (e) {
    if (e instanceof ClusterExeUsageError) return failure(WIN32.ERROR_INVALID_PARAMETER);
    throw e;
  }
  const model = [...clusters.values()].find((c) => sameName(c.name, invocation.cluster));
  if (model === undefined) return failure(WIN32.RPC_S_SERVER_UNAVAILABLE);
  const hooks = hooksFor(model.name);
  let progress = '';
  try {
    switch (invocation.kind) {
      case 'query': {
        const stdout = runQuery(model, invocation.query, hooks.view);
        hooks.done();
        return { stdout, stderr: '', exitCode: 0, changed: false };
      }
      case 'node': {
        progress = `${nodeProgress(invocation.action, invocation.node)}\n`;
        runNodeAction(model, invocation.action, invocation.node);
        const node = invocation.node;
        const table = model.isReachable()
          ? `\n${formatNodeStatus(
              model
                .nodes()
                .map((n, i) => ({ node: n.name, id: i + 1, status: n.state }))
                .filter((n) => sameName(n.node, node)),
              '',
            )}`
          : '';
        return { stdout: progress + table, stderr: '', exitCode: 0, changed: true };
      }
      case 'command': {
        const line = progressLine(invocation.command);
        progress = line === undefined ? '' : `${line}\n`;
        const command = typedCommand(model, invocation);
        const result = model.apply(command);
        hooks.commanded(command, invocation.wait === true);
        const table = afterCommand(model, command, hooks.view);
        const warning = result.warning === undefined ? '' : `${formatSystemWarning(result.warning)}\n`;
        return { stdout: progress + (table === '' ? '' : `\n${table}`) + warning, stderr: '', exitCode: 0, changed: true };
      }
      default:
        return assertNever(invocation, 'invocation');
    }
  } catch (e) {
    if (e instanceof ClusterError) return failure(e.code, progress);
    throw e;
  }
}
