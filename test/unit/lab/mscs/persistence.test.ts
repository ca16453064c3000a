import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterFileError } from '../../../../src-main/lab/mscs/cluster-file-check';
import { readClusterStore, writeClusterStore } from '../../../../src-main/lab/mscs/cluster-store-file';
import { createLabClusters } from '../../../../src-main/lab/mscs/lab-clusters';
import { MscsCluster } from '../../../../src-main/lab/mscs/mscs-cluster';
import { EX, exchangeCluster } from './fixtures';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'mscs-'));
  dirs.push(d);
  return d;
}

type Data = ReturnType<MscsCluster['toJSON']>;
type Change = (data: Data) => unknown;

/** A saved cluster with one field changed, to see that loading names it. */
function corrupted(change: Change): unknown {
  const data = exchangeCluster().toJSON();
  change(data);
  return JSON.parse(JSON.stringify(data));
}

describe('MSCS model persistence', () => {
  it('round-trips through JSON text with every state, owner, dependency and property intact', () => {
    const c = exchangeCluster();
    c.setGroupPreferredOwners(EX.group, ['SRC2', 'SRC1']);
    c.onlineResource(EX.sa);
    c.removePossibleOwner(EX.dt, 'SRC2');
    c.pauseNode('SRC2');
    const copy = MscsCluster.fromJSON(JSON.parse(JSON.stringify(c)), 'copy');
    expect(copy.toJSON()).toEqual(c.toJSON());
    expect(copy.resources()).toEqual(c.resources());
    expect(copy.groups()).toEqual(c.groups());
    expect(copy.nodes()).toEqual(c.nodes());
  });

  it('round-trips an unreachable cluster (all nodes down, groups without owner)', () => {
    const c = exchangeCluster();
    c.stopNode('SRC1');
    c.stopNode('SRC2');
    const copy = MscsCluster.fromJSON(JSON.parse(JSON.stringify(c.toJSON())));
    expect(copy.isReachable()).toBe(false);
    copy.startNode('SRC1');
    expect(copy.group('Cluster Group')).toMatchObject({ owner: 'SRC1', state: 'Online' });
  });

  it('hands out copies: changing toJSON() output does not change the model', () => {
    const c = exchangeCluster();
    const data = c.toJSON();
    data.resources[0]!.state = 'Failed';
    expect(c.toJSON().resources[0]!.state).toBe('Online');
  });

  const cases: readonly (readonly [string, Change, RegExp])[] = [
    ['a missing field', (d) => delete (d as { resources: { group?: string }[] }).resources[3]!.group, /resources\[3\]\.group/],
    ['an unknown group', (d) => (d.resources[3]!.group = 'Nowhere'), /resources\[3\]\.group: no group named "Nowhere"/],
    ['an unknown type', (d) => (d.resources[3]!.type = 'Fax Server'), /resources\[3\]\.type: unknown resource type/],
    ['a dependency across groups', (d) => d.resources[4]!.dependencies.push('Cluster IP Address'), /resources\[4\]\.dependencies\[1\]: .* another group/],
    ['a self-dependency', (d) => d.resources[3]!.dependencies.push(EX.ip), /resources\[3\]\.dependencies\[0\]: a resource cannot depend on itself/],
    ['a dependency cycle', (d) => d.resources[3]!.dependencies.push(EX.name), /resources: the dependencies form a cycle/],
    ['a duplicate resource name', (d) => (d.resources[4]!.name = EX.ip.toUpperCase()), /resources\[4\]\.name: duplicate name/],
    ['an unknown owner', (d) => (d.groups[1]!.owner = 'SRC7'), /groups\[1\]\.owner: no node named "SRC7"/],
    ['an unknown possible owner', (d) => d.resources[3]!.possibleOwners.push('X'), /resources\[3\]\.possibleOwners\[2\]/],
    ['a string Signature', (d) => (d.resources[5]!.privateProperties['Signature'] = '1'), /resources\[5\]\.privateProperties\.Signature: must be a DWORD/],
    ['a bad state', (d) => ((d.resources[3] as { state: string }).state = 'Up'), /resources\[3\]\.state/],
    ['a wrong format tag', (d) => ((d as { format: string }).format = 'other'), /format/],
    ['a node name too long for NetBIOS', (d) => (d.nodes[0]!.name = 'A-VERY-LONG-NODE-NAME'), /nodes\[0\]\.name/],
  ];
  it.each(cases)('rejects %s with a message naming the file field', (_what, change, message) => {
    const bad = corrupted(change);
    expect(() => MscsCluster.fromJSON(bad, 'clusters.json')).toThrow(ClusterFileError);
    expect(() => MscsCluster.fromJSON(bad, 'clusters.json')).toThrow(message);
    expect(() => MscsCluster.fromJSON(bad, 'clusters.json')).toThrow(/^clusters\.json: /);
  });

  it('saves the emulator file atomically and reads it back', () => {
    const path = join(tempDir(), 'clusters.json');
    const clusters = createLabClusters();
    clusters.get('SRCCLUS')!.createGroup(EX.group);
    writeClusterStore(path, clusters);
    expect(readdirSync(join(path, '..'))).toEqual(['clusters.json']);
    const text = JSON.parse(readFileSync(path, 'utf8')) as { clusters: Record<string, unknown> };
    expect(Object.keys(text.clusters)).toEqual(['SRCCLUS', 'TGTCLUS']);
    const back = readClusterStore(path);
    expect(back.get('SRCCLUS')!.toJSON()).toEqual(clusters.get('SRCCLUS')!.toJSON());
    expect(back.get('TGTCLUS')!.group('Cluster Group').owner).toBe('TGT1');
  });

  it('names the file and the cluster when the emulator file is bad', () => {
    const path = join(tempDir(), 'clusters.json');
    writeFileSync(path, JSON.stringify({ clusters: { SRCCLUS: { ...exchangeCluster().toJSON(), name: 'OTHER' } } }));
    expect(() => readClusterStore(path)).toThrow(/clusters\.json: clusters\.SRCCLUS\.name/);
    writeFileSync(path, '{ not json');
    expect(() => readClusterStore(path)).toThrow(/clusters\.json: \(top level\): not readable JSON/);
    writeFileSync(path, JSON.stringify({ clusters: { SRCCLUS: corrupted((d) => (d.resources[3]!.group = 'Gone')) } }));
    expect(() => readClusterStore(path)).toThrow(/clusters\.json \(clusters\.SRCCLUS\): resources\[3\]\.group/);
  });
});
