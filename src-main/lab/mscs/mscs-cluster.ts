import type { ClusterCommand, GroupInfo, NodeInfo, PrivateValue, ResourceInfo } from '../../cluster/port';
import { applyClusterCommand } from './apply-cluster-command';
import { groupInfo, resourceInfo } from './cluster-info';
import { CLUSTER_DATA_FORMAT, type ClusterData, type GroupData, type NodeData, type ResourceData } from './cluster-data';
import { parseClusterData } from './cluster-file-check';
import { groupOnlineOrder, dependsOn, offlineOrder, onlineOrder } from './dependency-order';
import { findGroupIn, findNodeIn, findResourceIn, resourceTypeOf } from './cluster-lookup';
import { clusterError, WIN32 } from '../../cluster/win32-errors';
import { failOver, restorePersistentState } from './group-placement';
import { includesName, isValidObjectName, sameName } from '../../cluster/object-names';
import { onlineBlocker } from './online-blocker';
import { findPropertySpec, findResourceType, hasFormat } from './resource-types';

/** A node's cluster state. */
export type NodeState = NodeData['state'];

/** What a successful command may come with: 5024 when properties of an online resource were stored. */
export interface ApplyResult {
  readonly warning?: number;
}

const E = WIN32;

/**
 * One MSCS cluster in memory: nodes, groups, resources, and the rules the cluster service enforces, each refusal
 * with the Win32 number cluster.exe would print. The one place where cluster rules live: the in-process lab
 * adapter and the cluster.exe emulator both drive it. Every operation is all-or-nothing: a refusal leaves the model
 * exactly as it was. When every node is down the cluster cannot be reached and everything but starting a node fails
 * with 1722, as cluster.exe does against a cluster with no running node.
 */
export class MscsCluster {
  private data: ClusterData;

  private constructor(data: ClusterData) {
    this.data = data;
  }

  /** A new cluster with these nodes, all up, and no groups. */
  static create(name: string, nodeNames: readonly string[]): MscsCluster {
    return MscsCluster.fromJSON(
      {
        format: CLUSTER_DATA_FORMAT,
        version: 1,
        name,
        nodes: nodeNames.map((n) => ({ name: n, state: 'Up' })),
        groups: [],
        resources: [],
      },
      `new cluster ${name}`,
    );
  }

  /** Loads saved data; throws ClusterFileError naming `source` and the field at fault. */
  static fromJSON(input: unknown, source = 'cluster data'): MscsCluster {
    return new MscsCluster(structuredClone(parseClusterData(input, source)));
  }

  /** The whole state as plain JSON data (a copy: changing it does not change the model). */
  toJSON(): ClusterData {
    return structuredClone(this.data);
  }

  /** The cluster's name as cluster.exe is given it. */
  get name(): string {
    return this.data.name;
  }

  /** False when every node is down: then the cluster answers nothing (1722). */
  isReachable(): boolean {
    return this.data.nodes.some((n) => n.state !== 'Down');
  }

  // ---------------------------------------------------------------- queries

  /** Every node and its state. */
  nodes(): NodeInfo[] {
    this.ensureReachable();
    return this.data.nodes.map((n) => ({ name: n.name, state: n.state }));
  }

  /** Every group with its derived state and owner. */
  groups(): GroupInfo[] {
    this.ensureReachable();
    return this.data.groups.map((g) => groupInfo(this.data, g));
  }

  /** Every resource with its group's owner as its owner. */
  resources(): ResourceInfo[] {
    this.ensureReachable();
    return this.data.resources.map((r) => resourceInfo(this.data, r));
  }

  /** One group (5013 when there is none of that name). */
  group(name: string): GroupInfo {
    this.ensureReachable();
    return groupInfo(this.data, this.findGroup(name));
  }

  /** One resource (5007 when there is none of that name). */
  resource(name: string): ResourceInfo {
    this.ensureReachable();
    return resourceInfo(this.data, this.findResource(name));
  }

  // ---------------------------------------------------------------- commands

  /** Runs one port command: the same refusals as the individual methods. */
  apply(command: ClusterCommand): ApplyResult {
    return applyClusterCommand(this, command);
  }

  /** Creates an empty, offline group owned by the first running node (5010 if the name is taken). */
  createGroup(name: string): void {
    this.transact(() => {
      if (!isValidObjectName(name)) throw clusterError(E.ERROR_INVALID_PARAMETER, `group name "${name}"`);
      if (this.data.groups.some((g) => sameName(g.name, name))) {
        throw clusterError(E.ERROR_OBJECT_ALREADY_EXISTS, `group '${name}'`);
      }
      const owner = this.data.nodes.find((n) => n.state === 'Up') ?? this.data.nodes.find((n) => n.state === 'Paused');
      this.data.groups.push({ name, description: '', preferredOwners: [], owner: owner?.name ?? null });
    });
  }

  /** Sets a group's Description common property. */
  setGroupDescription(group: string, description: string): void {
    this.transact(() => {
      this.findGroup(group).description = description;
    });
  }

  /** Sets the group's preferred owners, in order (5042 for an unknown node, 87 for one named twice). */
  setGroupPreferredOwners(group: string, nodes: readonly string[]): void {
    this.transact(() => {
      const g = this.findGroup(group);
      const canonical = nodes.map((n) => this.findNode(n).name);
      if (canonical.some((n, i) => canonical.findIndex((m) => sameName(m, n)) !== i)) {
        throw clusterError(E.ERROR_INVALID_PARAMETER, 'a node is named twice');
      }
      g.preferredOwners = canonical;
    });
  }

  /** Deletes an empty group (145 while it holds resources, as MSCS: ERROR_DIR_NOT_EMPTY). */
  deleteGroup(group: string): void {
    this.transact(() => {
      const g = this.findGroup(group);
      if (this.data.resources.some((r) => sameName(r.group, g.name))) {
        throw clusterError(E.ERROR_DIR_NOT_EMPTY, `group '${g.name}' holds resources`);
      }
      this.data.groups = this.data.groups.filter((x) => x !== g);
    });
  }

  /**
   * Brings every resource of the group online on its owner, dependencies first. With `node`, moves the group there
   * first (as `group /online:node`). Refused as a whole when any resource could not come online.
   */
  onlineGroup(group: string, node?: string): void {
    this.transact(() => {
      const g = this.findGroup(group);
      if (node !== undefined) {
        const n = this.findNode(node);
        if (!sameName(n.name, g.owner ?? '')) this.moveGroupTo(g, n);
      }
      const owner = this.ownerOf(g);
      const pending = groupOnlineOrder(this.data.resources, g.name).filter((r) => r.state !== 'Online');
      if (pending.length > 0 && owner.state === 'Paused') {
        throw clusterError(E.ERROR_CLUSTER_NODE_PAUSED, `owner ${owner.name} is paused`);
      }
      this.bringOnline(pending, owner);
    });
  }

  /** Takes every resource of the group offline, dependents first. */
  offlineGroup(group: string): void {
    this.transact(() => {
      const g = this.findGroup(group);
      for (const r of groupOnlineOrder(this.data.resources, g.name).reverse()) this.takeOffline(r);
    });
  }

  /**
   * Moves the group to a node: its online resources go offline here and come back online there. Refused for a
   * node that is down (5050) or paused (5070), or is not a possible owner of every resource of the group (5015).
   */
  moveGroup(group: string, node: string): void {
    this.transact(() => {
      const g = this.findGroup(group);
      const n = this.findNode(node);
      if (!sameName(n.name, g.owner ?? '')) this.moveGroupTo(g, n);
    });
  }

  /** Creates an offline resource in a group, every node a possible owner, the type's property defaults set. */
  createResource(name: string, group: string, type: string): void {
    this.transact(() => {
      if (!isValidObjectName(name)) throw clusterError(E.ERROR_INVALID_PARAMETER, `resource name "${name}"`);
      const g = this.findGroup(group);
      const spec = findResourceType(type);
      if (spec === undefined) throw clusterError(E.ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND, `type '${type}'`);
      if (this.data.resources.some((r) => sameName(r.name, name))) {
        throw clusterError(E.ERROR_OBJECT_ALREADY_EXISTS, `resource '${name}'`);
      }
      const privateProperties: Record<string, PrivateValue> = {};
      for (const p of spec.properties) if (p.defaultValue !== undefined) privateProperties[p.name] = p.defaultValue;
      this.data.resources.push({
        name,
        group: g.name,
        type: spec.name,
        description: '',
        privateProperties,
        dependencies: [],
        possibleOwners: this.data.nodes.map((n) => n.name),
        state: 'Offline',
        persistentState: 'Offline',
      });
    });
  }

  /** Sets a resource's Description common property. */
  setResourceDescription(resource: string, description: string): void {
    this.transact(() => {
      this.findResource(resource).description = description;
    });
  }

  /**
   * Sets private properties (cluster.exe /priv). A known property must have its format (DWORD or string) and a
   * value its DLL accepts (an IPv4 address, a subnet mask, a NetBIOS name...), else 87. On an online resource the
   * change is stored and 5024 comes back as a warning, as MSCS does.
   */
  setPrivateProperties(resource: string, properties: Readonly<Record<string, PrivateValue>>): ApplyResult {
    return this.transact(() => {
      const r = this.findResource(resource);
      const spec = resourceTypeOf(r);
      let changed = false;
      for (const [key, value] of Object.entries(properties)) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw clusterError(E.ERROR_INVALID_PARAMETER, `property "${key}"`);
        const p = findPropertySpec(spec, key);
        if (p !== undefined && (!hasFormat(value, p.format) || (p.valid !== undefined && !p.valid(value)))) {
          throw clusterError(E.ERROR_INVALID_PARAMETER, `${p.name}=${String(value)}`);
        }
        if (p === undefined && typeof value === 'number' && !hasFormat(value, 'DWORD')) {
          throw clusterError(E.ERROR_INVALID_PARAMETER, `${key}=${value}`);
        }
        const stored = p?.name ?? Object.keys(r.privateProperties).find((k) => sameName(k, key)) ?? key;
        if (r.privateProperties[stored] !== value) changed = true;
        r.privateProperties[stored] = value;
      }
      return changed && r.state === 'Online' ? { warning: E.ERROR_RESOURCE_PROPERTIES_STORED } : {};
    });
  }

  /**
   * Makes `resource` depend on `dependsOn`. Refused: on itself (87), across groups (87), while the dependent is
   * online (5019), twice (5003), or when it would close a cycle (1059).
   */
  addDependency(resource: string, dependsOnName: string): void {
    this.transact(() => {
      const r = this.findResource(resource);
      const d = this.findResource(dependsOnName);
      if (r === d) throw clusterError(E.ERROR_INVALID_PARAMETER, `'${r.name}' cannot depend on itself`);
      if (!sameName(r.group, d.group)) {
        throw clusterError(E.ERROR_INVALID_PARAMETER, `'${r.name}' and '${d.name}' are in different groups`);
      }
      if (r.state === 'Online') throw clusterError(E.ERROR_RESOURCE_ONLINE, `'${r.name}' is online`);
      if (includesName(r.dependencies, d.name)) throw clusterError(E.ERROR_DEPENDENCY_ALREADY_EXISTS);
      if (dependsOn(this.data.resources, d.name, r.name)) {
        throw clusterError(E.ERROR_CIRCULAR_DEPENDENCY, `'${d.name}' already depends on '${r.name}'`);
      }
      r.dependencies.push(d.name);
    });
  }

  /** Removes a dependency (5002 when there is none; 5023 unless both resources are offline or failed). */
  removeDependency(resource: string, dependsOnName: string): void {
    this.transact(() => {
      const r = this.findResource(resource);
      const d = this.findResource(dependsOnName);
      if (!includesName(r.dependencies, d.name)) throw clusterError(E.ERROR_DEPENDENCY_NOT_FOUND);
      if (r.state === 'Online' || d.state === 'Online') throw clusterError(E.ERROR_INVALID_STATE);
      r.dependencies = r.dependencies.filter((x) => !sameName(x, d.name));
    });
  }

  /** Adds a possible owner (5042 for an unknown node, 5010 when it already is one). */
  addPossibleOwner(resource: string, node: string): void {
    this.transact(() => {
      const r = this.findResource(resource);
      const n = this.findNode(node);
      if (includesName(r.possibleOwners, n.name)) throw clusterError(E.ERROR_OBJECT_ALREADY_EXISTS, n.name);
      r.possibleOwners.push(n.name);
    });
  }

  /** Removes a possible owner (5042 when it is not one; 5023 while the resource is online on that node). */
  removePossibleOwner(resource: string, node: string): void {
    this.transact(() => {
      const r = this.findResource(resource);
      const n = this.findNode(node);
      if (!includesName(r.possibleOwners, n.name)) throw clusterError(E.ERROR_CLUSTER_NODE_NOT_FOUND, n.name);
      const owner = this.findGroup(r.group).owner;
      if (r.state === 'Online' && owner !== null && sameName(owner, n.name)) {
        throw clusterError(E.ERROR_INVALID_STATE, `'${r.name}' is online on ${n.name}`);
      }
      r.possibleOwners = r.possibleOwners.filter((x) => !sameName(x, n.name));
    });
  }

  /**
   * Brings a resource online on its group's owner, its dependencies first (as MSCS does). Refused as a whole when
   * the owner is paused (5070), or any resource of the chain: cannot run on the owner (5071), lacks a required
   * private property (87), or lacks a dependency its type needs (5002).
   */
  onlineResource(resource: string): void {
    this.transact(() => {
      const r = this.findResource(resource);
      if (r.state === 'Online') return;
      const owner = this.ownerOf(this.findGroup(r.group));
      if (owner.state === 'Paused') throw clusterError(E.ERROR_CLUSTER_NODE_PAUSED, `owner ${owner.name} is paused`);
      this.bringOnline(
        onlineOrder(this.data.resources, r.name).filter((x) => x.state !== 'Online'),
        owner,
      );
    });
  }

  /** Takes a resource offline, everything that depends on it first. */
  offlineResource(resource: string): void {
    this.transact(() => {
      const r = this.findResource(resource);
      for (const x of offlineOrder(this.data.resources, r.name)) this.takeOffline(x);
    });
  }

  /** Marks an online resource Failed: its DLL reported that it could not come online (it stays wanted online). */
  failResource(resource: string): void {
    this.transact(() => {
      const r = this.findResource(resource);
      if (r.state === 'Online') r.state = 'Failed';
    });
  }

  /** Deletes an offline resource nothing depends on (5019 while online, 5001 while others depend on it). */
  deleteResource(resource: string): void {
    this.transact(() => {
      const r = this.findResource(resource);
      if (r.state === 'Online') throw clusterError(E.ERROR_RESOURCE_ONLINE, `'${r.name}' is online`);
      const dependents = this.data.resources.filter((x) => includesName(x.dependencies, r.name));
      if (dependents.length > 0) {
        throw clusterError(E.ERROR_DEPENDENT_RESOURCE_EXISTS, dependents.map((x) => `'${x.name}'`).join(', '));
      }
      this.data.resources = this.data.resources.filter((x) => x !== r);
    });
  }

  // ---------------------------------------------------------------- nodes

  /**
   * The node stops (its cluster service stops, or it loses power). Each group it owned fails over to the first up
   * node (preferred owners first) that is a possible owner of all its resources, where the resources that were to
   * be online come back online. With no such node the group goes to another running node and those resources are
   * Failed; with no running node at all they are Offline and the cluster is unreachable. Allowed while the cluster
   * is unreachable (it is not a cluster API call); 5062 when the node is down already.
   */
  stopNode(node: string): void {
    this.transact(() => {
      const n = this.findNode(node);
      if (n.state === 'Down') throw clusterError(E.ERROR_CLUSTER_NODE_ALREADY_DOWN, n.name);
      n.state = 'Down';
      for (const g of this.data.groups.filter((x) => x.owner !== null && sameName(x.owner, n.name))) failOver(this.data, g);
    }, false);
  }

  /**
   * The node starts and joins. When it is the first running node, it takes every group and brings each resource to
   * its persistent state (online where it can run, else Failed). No failback to it otherwise. 5061 when running.
   */
  startNode(node: string): void {
    this.transact(() => {
      const n = this.findNode(node);
      if (n.state !== 'Down') throw clusterError(E.ERROR_CLUSTER_NODE_ALREADY_UP, n.name);
      n.state = 'Up';
      for (const g of this.data.groups.filter((x) => x.owner === null)) {
        g.owner = n.name;
        restorePersistentState(this.data, g, true);
      }
    }, false);
  }

  /** Pauses a running node: it keeps its groups but takes no new ones and brings nothing online (5050 if down). */
  pauseNode(node: string): void {
    this.transact(() => {
      const n = this.findNode(node);
      if (n.state === 'Down') throw clusterError(E.ERROR_CLUSTER_NODE_DOWN, n.name);
      n.state = 'Paused';
    });
  }

  /** Resumes a paused node (5058 when it is not paused). */
  resumeNode(node: string): void {
    this.transact(() => {
      const n = this.findNode(node);
      if (n.state !== 'Paused') throw clusterError(E.ERROR_CLUSTER_NODE_NOT_PAUSED, n.name);
      n.state = 'Up';
    });
  }

  // ---------------------------------------------------------------- internals

  /** Runs a change all-or-nothing: on a refusal the state is put back exactly as it was. */
  private transact<T>(change: () => T, needsReachable = true): T {
    if (needsReachable) this.ensureReachable();
    const before = structuredClone(this.data);
    try {
      return change();
    } catch (e) {
      this.data = before;
      throw e;
    }
  }

  private ensureReachable(): void {
    if (!this.isReachable()) throw clusterError(E.RPC_S_SERVER_UNAVAILABLE, `cluster ${this.data.name}`);
  }

  private findNode(name: string): NodeData {
    return findNodeIn(this.data, name);
  }

  private findGroup(name: string): GroupData {
    return findGroupIn(this.data, name);
  }

  private findResource(name: string): ResourceData {
    return findResourceIn(this.data, name);
  }

  /** The node that owns a group; always defined while the cluster is reachable. */
  private ownerOf(g: GroupData): NodeData {
    if (g.owner === null) throw clusterError(E.RPC_S_SERVER_UNAVAILABLE, `group '${g.name}' has no owner`);
    return this.findNode(g.owner);
  }

  /** Brings these resources (already in dependency order) online on the node, or throws for the first that can't. */
  private bringOnline(ordered: readonly ResourceData[], node: NodeData): void {
    for (const x of ordered) {
      const blocker = onlineBlocker(this.data, x, node);
      if (blocker !== undefined) throw clusterError(blocker.code, blocker.detail);
    }
    for (const x of ordered) {
      x.state = 'Online';
      x.persistentState = 'Online';
    }
  }

  private takeOffline(r: ResourceData): void {
    r.state = 'Offline';
    r.persistentState = 'Offline';
  }

  private moveGroupTo(g: GroupData, n: NodeData): void {
    if (n.state === 'Down') throw clusterError(E.ERROR_CLUSTER_NODE_DOWN, n.name);
    if (n.state === 'Paused') throw clusterError(E.ERROR_CLUSTER_NODE_PAUSED, n.name);
    const members = this.data.resources.filter((r) => sameName(r.group, g.name));
    const refusing = members.find((r) => !includesName(r.possibleOwners, n.name));
    if (refusing !== undefined) {
      throw clusterError(E.ERROR_HOST_NODE_NOT_RESOURCE_OWNER, `${n.name} is not a possible owner of '${refusing.name}'`);
    }
    for (const r of members) if (r.state === 'Online') r.state = 'Offline';
    g.owner = n.name;
    restorePersistentState(this.data, g, true);
  }
}
