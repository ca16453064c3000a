import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClusterPort } from '../cluster/port';
import type { NodeFiles } from '../nodes/port';
import { LabClusterAdapter } from './adapters/lab-cluster-adapter';
import { openLabDirectory, type LabDirectory } from './directory/lab-directory';
import { loadDoubleTakeLab, saveDoubleTakeLab, saveDoubleTakeLabIfChanged, doubleTakeLabFile } from './doubletake/doubletake-lab-file';
import { createLabFailureControls, type LabFailureControls } from './failures/lab-failure-actions';
import { labDoubleTakeWiring } from './failures/lab-doubletake-wiring';
import { readLabFailures } from './failures/lab-failures-file';
import type { LabFailure } from './failures/lab-failure';
import type { DoubleTakeLab } from './doubletake/doubletake-lab';
import { createLabClusters } from './mscs/lab-clusters';
import { readClusterStore, writeClusterStore } from './mscs/cluster-store-file';
import { withFileLockSync } from './file-lock';
import type { MscsCluster } from './mscs/mscs-cluster';
import { sameName } from '../cluster/object-names';
import { createLabNodeFiles } from './nodes/lab-node-files';
import { seedNodeDisks } from './nodes/seed-node-disks';
import { lockLab } from './lab-lock';
import type { ClusterData } from './mscs/cluster-data';
import { clusterError, WIN32 } from '../cluster/win32-errors';
import {
  describeFailures,
  settleSourceConnections,
  sourceConnectionChanges,
  type SourceConnectionFailure,
  type SourceConnectionWorld,
} from './source-connection-resource';
import type { LabClusterView, LabReplicationView } from './lab-cluster-view';
import { LAB } from './topology';
import { openLabExchange, type LabExchange } from './exchange/lab-exchange';

/** The file of a lab folder that holds both clusters (the cluster.exe emulator reads the same file). */
export const LAB_CLUSTERS_FILE = 'clusters.json';

/**
 * The embedded lab: both clusters, Double-Take on every node, node disks and the seeded directory, all kept in one
 * folder so that the program, the emulators and the tests see the same world, and a restart loses nothing.
 * Its failures (source, target, link, split, node NODE; failures/lab-failure.ts) are kept in `<lab>/failures.json`:
 * `fail`, `restore`, `failures`, and what the monitor's lab probe sees (`isSourceVisible`, `answers`).
 */
export interface Lab extends LabFailureControls {
  readonly folder: string;
  readonly source: ClusterPort;
  readonly target: ClusterPort;
  readonly directory: LabDirectory;
  readonly nodeFiles: NodeFiles;
  readonly doubleTake: DoubleTakeLab;
  /** Exchange on both clusters: stores mounted by Exchange's rules, and a client that opens mailboxes. */
  readonly exchange: LabExchange;
  /** Both clusters as the status bar and the lab panel show them. */
  clusters(): Promise<LabClusterView[]>;
  /** Pulls the plug on (on = false) or powers up a whole cluster or one node, by name. */
  power(target: string, on: boolean): Promise<void>;
  close(): Promise<void>;
}

/** What opening a lab may be given: the clock lab time follows (the wall clock by default). */
export interface LabOptions {
  readonly now?: () => Date;
}

export class LabPowerError extends Error {
  override readonly name = 'LabPowerError';
}

/**
 * Opens the lab in `folder`, creating and seeding whatever part of it is missing. One program at a time: a lab
 * another program has open is refused with LabInUseError (see lab-lock.ts) until it is closed.
 */
export async function openLab(folder: string, options: LabOptions = {}): Promise<Lab> {
  await mkdir(folder, { recursive: true });
  const unlock = await lockLab(folder);
  try {
    return await openLockedLab(folder, unlock, options);
  } catch (e) {
    await unlock();
    throw e;
  }
}

async function openLockedLab(folder: string, unlock: () => Promise<void>, options: LabOptions): Promise<Lab> {
  const clock = options.now ?? (() => new Date());
  const clustersFile = join(folder, LAB_CLUSTERS_FILE);
  const clusters = existsSync(clustersFile) ? readClusterStore(clustersFile) : createLabClusters();
  const saveClusters = (): void => withFileLockSync(clustersFile, () => writeClusterStore(clustersFile, clusters));
  if (!existsSync(clustersFile)) saveClusters();

  const modelOf = (name: string): MscsCluster => {
    const model = [...clusters.values()].find((c) => sameName(c.name, name));
    if (!model) throw new Error(`${clustersFile} has no cluster named ${name}.`);
    return model;
  };
  const sourceModel = modelOf(LAB.source.cluster);
  const targetModel = modelOf(LAB.target.cluster);
  const allModels = [sourceModel, targetModel];

  const nodeIsUp = (node: string): boolean =>
    allModels.some((m) => m.toJSON().nodes.some((n) => sameName(n.name, node) && n.state !== 'Down'));

  const dtExisted = existsSync(doubleTakeLabFile(folder));
  // Lab time follows the clock; the failures pulled decide what Double-Take reaches (failures/lab-reach.ts).
  const pulled = readLabFailures(folder);
  // The failures as read from the file until the controls below keep them.
  const failuresNow: { list: () => readonly LabFailure[] } = { list: () => pulled };
  // While a cluster change is settled, lab time up to it passes with the clusters as they were before it.
  let clustersBefore: ClusterData[] | undefined;
  const wiring = labDoubleTakeWiring(() => clustersBefore ?? allModels.map((m) => m.toJSON()), () => failuresNow.list(), () => clock().getTime());
  const catchUpBefore = (model: MscsCluster, before: ClusterData): void => {
    clustersBefore = allModels.map((m) => (m === model ? before : m.toJSON()));
    try {
      doubleTake.catchUp();
    } finally {
      clustersBefore = undefined;
    }
  };
  const doubleTake = await loadDoubleTakeLab(folder, { ...wiring, isNodeUp: nodeIsUp });
  if (!dtExisted) await saveDoubleTakeLab(folder, doubleTake);
  await seedNodeDisks(folder);
  const directory = await openLabDirectory(folder);
  const nodeFiles = createLabNodeFiles(folder, { isNodeUp: nodeIsUp });
  // Exchange's stores follow the clusters: settled after every cluster change and power change below.
  const exchange = await openLabExchange({ folder, directory, doubleTake, clusters: () => allModels.map((m) => m.toJSON()), isNodeUp: nodeIsUp });

  // The Double-Take Source Connection resource's DLL: its scripts run when it comes online or goes offline.
  const sourceConnections: SourceConnectionWorld = { doubleTake, nodeFiles, installFolder: () => LAB.doubleTakeFolder, isNodeUp: nodeIsUp };
  async function runResourceDlls(model: MscsCluster, before: ClusterData): Promise<SourceConnectionFailure[]> {
    const changes = sourceConnectionChanges(before, model.toJSON());
    if (changes.length === 0) return [];
    const failures = await settleSourceConnections(model, changes, sourceConnections);
    await saveDoubleTakeLab(folder, doubleTake);
    return failures;
  }
  const onChange = async (model: MscsCluster, before: ClusterData): Promise<void> => {
    catchUpBefore(model, before);
    const failures = await runResourceDlls(model, before);
    saveClusters();
    await exchange.settle();
    if (failures.length > 0) throw clusterError(WIN32.ERROR_RESOURCE_FAILED, describeFailures(failures));
  };
  const source = new LabClusterAdapter(sourceModel, onChange);
  const target = new LabClusterAdapter(targetModel, onChange);

  /** A node's Double-Take connections, as the lab panel lists them (none while the node is down). */
  function replicationOf(node: string, up: boolean): LabReplicationView[] {
    if (!up || !doubleTake.nodes().some((n) => sameName(n, node))) return [];
    return doubleTake
      .server(node)
      .connections()
      .map((c) => ({ replicationSet: c.replicationSet, target: c.target, state: c.state, mirror: c.mirror.state, queuedBytes: c.queuedReplicationBytes }));
  }

  function summarize(model: MscsCluster): LabClusterView {
    const data = model.toJSON();
    const nodes = data.nodes.map((n) => ({ name: n.name, up: n.state !== 'Down', replication: replicationOf(n.name, n.state !== 'Down') }));
    if (!model.isReachable()) return { name: model.name, up: false, nodes, groups: [] };
    const resources = model.resources();
    return {
      name: model.name,
      up: true,
      nodes,
      groups: model.groups().map((g) => ({
        name: g.name,
        state: g.state,
        ...(g.owner !== undefined ? { owner: g.owner } : {}),
        resources: resources
          .filter((r) => sameName(r.group, g.name))
          .map((r) => ({ name: r.name, type: r.type, state: r.state })),
      })),
    };
  }

  const controls = createLabFailureControls({
    folder,
    source: sourceModel,
    target: targetModel,
    doubleTake,
    now: clock,
    pulled,
    async afterPowerChange(model, before) {
      await runResourceDlls(model, before);
      saveClusters();
      await exchange.settle();
    },
    saveDoubleTake: () => saveDoubleTakeLab(folder, doubleTake),
  });
  failuresNow.list = () => controls.failures();

  return {
    ...controls,
    folder,
    source,
    target,
    directory,
    nodeFiles,
    doubleTake,
    exchange,
    async clusters() {
      return allModels.map(summarize);
    },
    async power(name, on) {
      doubleTake.catchUp(); // lab time up to now passes with the power as it was
      const cluster = allModels.find((m) => sameName(m.name, name));
      const nodeOwner = allModels.find((m) => m.toJSON().nodes.some((n) => sameName(n.name, name)));
      if (!cluster && !nodeOwner) {
        const known = allModels.flatMap((m) => [m.name, ...m.toJSON().nodes.map((n) => n.name)]).join(', ');
        throw new LabPowerError(`The lab has no cluster or node named "${name}" (it has ${known}).`);
      }
      const model = (cluster ?? nodeOwner) as MscsCluster;
      const nodes = model
        .toJSON()
        .nodes.filter((n) => cluster !== undefined || sameName(n.name, name))
        .filter((n) => (on ? n.state === 'Down' : n.state !== 'Down'));
      const before = model.toJSON();
      for (const node of nodes) {
        if (on) {
          model.startNode(node.name);
          // The node booted: its Double-Take service starts afresh (connections back only with AutoReconnect 1).
          if (doubleTake.nodes().some((n) => sameName(n, node.name))) doubleTake.server(node.name).restartService();
        } else model.stopNode(node.name);
      }
      // A group that failed over brings its Source Connection online on the surviving node: its script runs there.
      await runResourceDlls(model, before);
      saveClusters();
      await exchange.settle();
    },
    async close() {
      try {
        await directory.close();
        await saveDoubleTakeLabIfChanged(folder, doubleTake);
      } finally {
        await unlock();
      }
    },
  };
}
