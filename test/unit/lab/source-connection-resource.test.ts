import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLab, type Lab } from '../../../src-main/lab/lab';
import { createLabCluster } from '../../../src-main/lab/mscs/lab-clusters';
import type { MscsCluster } from '../../../src-main/lab/mscs/mscs-cluster';
import { shippedOnlineDtcl } from '../../../src-main/lab/nodes/shipped-dtcl-scripts';
import { runSourceConnectionScripts, sourceConnectionChanges, type SourceConnectionWorld } from '../../../src-main/lab/source-connection-resource';
import { LAB } from '../../../src-main/lab/topology';

/** SRCCLUS with an Exchange group holding a disk and a Source Connection (offline). */
function clusterWithSourceConnection(): MscsCluster {
  const cluster = createLabCluster('source');
  cluster.createGroup('Exchange Group');
  cluster.createResource('Disk E:', 'Exchange Group', 'Physical Disk');
  cluster.setPrivateProperties('Disk E:', { Signature: 0x5a17e0e0, Drive: 'E:' });
  cluster.createResource('DT Source', 'Exchange Group', 'Double-Take Source Connection');
  cluster.setPrivateProperties('DT Source', { ReplicationSet: 'Exchange', Target: '10.1.0.21' });
  cluster.addDependency('DT Source', 'Disk E:');
  return cluster;
}

describe('which Source Connection changes a cluster change sets off', () => {
  it('online on the owner, nothing for a second online or other types, offline then online on a move', () => {
    const cluster = clusterWithSourceConnection();
    let before = cluster.toJSON();
    cluster.onlineResource('Disk E:');
    expect(sourceConnectionChanges(before, cluster.toJSON())).toEqual([]);

    before = cluster.toJSON();
    cluster.onlineGroup('Exchange Group');
    expect(sourceConnectionChanges(before, cluster.toJSON())).toEqual([
      { resource: 'DT Source', kind: 'online', node: 'SRC1', replicationSet: 'Exchange', target: '10.1.0.21' },
    ]);
    before = cluster.toJSON();
    cluster.onlineGroup('Exchange Group');
    expect(sourceConnectionChanges(before, cluster.toJSON())).toEqual([]);

    before = cluster.toJSON();
    cluster.moveGroup('Exchange Group', 'SRC2');
    expect(sourceConnectionChanges(before, cluster.toJSON()).map((c) => [c.kind, c.node])).toEqual([
      ['offline', 'SRC1'],
      ['online', 'SRC2'],
    ]);
    before = cluster.toJSON();
    cluster.offlineResource('DT Source');
    expect(sourceConnectionChanges(before, cluster.toJSON()).map((c) => [c.kind, c.node])).toEqual([['offline', 'SRC2']]);
  });
});

describe('running the node scripts', () => {
  let folder: string;
  let lab: Lab;
  let world: SourceConnectionWorld;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'source-connection-'));
    lab = await openLab(folder);
    world = { doubleTake: lab.doubleTake, nodeFiles: lab.nodeFiles, installFolder: () => LAB.doubleTakeFolder, isNodeUp: () => true };
    const server = lab.doubleTake.server('SRC1');
    server.createReplicationSet('Exchange');
    server.addRule('Exchange', { path: 'E:\\Exchsrvr', mode: 'include', recursive: true });
  });
  afterEach(async () => {
    await lab.close();
    await rm(folder, { recursive: true, force: true });
  });
  const online = { resource: 'DT Source', kind: 'online', node: 'SRC1', replicationSet: 'Exchange', target: '10.1.0.21' } as const;

  it('connects on online and disconnects on offline', async () => {
    expect(await runSourceConnectionScripts([online], world)).toEqual([]);
    expect(lab.doubleTake.server('SRC1').connections()).toHaveLength(1);
    expect(await runSourceConnectionScripts([{ ...online, kind: 'offline' }], world)).toEqual([]);
    expect(lab.doubleTake.server('SRC1').connections()).toEqual([]);
  });

  it('names the script and its line when online.dtcl on the node cannot be read, and connects nothing', async () => {
    const broken = Buffer.from(shippedOnlineDtcl().toString('utf8').replace('$conid = CONNECT $repset TO $target MAP EXACT;', '$conid = CONNECT $repsett TO $target MAP EXACT;'));
    await lab.nodeFiles.writeFile('SRC1', `${LAB.doubleTakeFolder}\\online.dtcl`, broken);
    const failures = await runSourceConnectionScripts([online], world);
    expect(failures).toEqual([{ resource: 'DT Source', node: 'SRC1', detail: expect.stringMatching(/^online\.dtcl: .*repsett.*line 23/) }]);
    expect(lab.doubleTake.server('SRC1').connections()).toEqual([]);
  });

  it('runs nothing on a node that is down (its Double-Take went down with it)', async () => {
    expect(await runSourceConnectionScripts([online], { ...world, isNodeUp: () => false })).toEqual([]);
    expect(lab.doubleTake.server('SRC1').connections()).toEqual([]);
  });
});
