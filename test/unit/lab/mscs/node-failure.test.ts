import { describe, expect, it } from 'vitest';
import type { ClusterCommand } from '../../../../src-main/cluster/port';
import { WIN32 } from '../../../../src-main/cluster/win32-errors';
import { MscsCluster } from '../../../../src-main/lab/mscs/mscs-cluster';
import { EX, exchangeCluster, expectRefused, stateOf } from './fixtures';

describe('MSCS group moves', () => {
  it('moves a group: its online resources come back online on the new node', () => {
    const c = exchangeCluster();
    c.onlineResource(EX.sa);
    c.moveGroup(EX.group, 'SRC2');
    expect(c.group(EX.group)).toMatchObject({ owner: 'SRC2', state: 'Partially Online' });
    expect(c.resource(EX.sa)).toMatchObject({ owner: 'SRC2', state: 'Online' });
    expect(stateOf(c, EX.dt)).toBe('Offline');
  });

  it('refuses a move to an unknown node (5042), a down node (5050), a paused node (5070)', () => {
    const c = exchangeCluster();
    expectRefused(c, () => c.moveGroup(EX.group, 'SRC9'), WIN32.ERROR_CLUSTER_NODE_NOT_FOUND);
    c.pauseNode('SRC2');
    expectRefused(c, () => c.moveGroup(EX.group, 'SRC2'), WIN32.ERROR_CLUSTER_NODE_PAUSED);
    c.resumeNode('SRC2');
    c.stopNode('SRC2');
    expectRefused(c, () => c.moveGroup(EX.group, 'SRC2'), WIN32.ERROR_CLUSTER_NODE_DOWN);
  });

  it('refuses a move to a node that is not a possible owner of every resource (5015)', () => {
    const c = exchangeCluster();
    c.removePossibleOwner(EX.dt, 'SRC2');
    expectRefused(c, () => c.moveGroup(EX.group, 'SRC2'), WIN32.ERROR_HOST_NODE_NOT_RESOURCE_OWNER);
  });

  it('treats a move to the current owner as success', () => {
    const c = exchangeCluster();
    c.moveGroup(EX.group, 'src1');
    expect(c.group(EX.group).owner).toBe('SRC1');
  });
});

describe('MSCS node failure', () => {
  it('fails the groups of a stopped node over to the other node, online resources back online', () => {
    const c = exchangeCluster();
    c.onlineGroup(EX.group);
    c.offlineResource(EX.dt);
    c.stopNode('SRC1');
    expect(c.nodes()).toEqual([
      { name: 'SRC1', state: 'Down' },
      { name: 'SRC2', state: 'Up' },
    ]);
    expect(c.group(EX.group)).toMatchObject({ owner: 'SRC2', state: 'Partially Online' });
    expect(c.group('Cluster Group')).toMatchObject({ owner: 'SRC2', state: 'Online' });
    expect(stateOf(c, EX.sa)).toBe('Online');
    expect(stateOf(c, EX.dt)).toBe('Offline');
  });

  it('does not move groups owned by the surviving node', () => {
    const c = exchangeCluster();
    c.moveGroup(EX.group, 'SRC2');
    c.onlineGroup(EX.group);
    c.stopNode('SRC1');
    expect(c.group(EX.group)).toMatchObject({ owner: 'SRC2', state: 'Online' });
  });

  it('fails over in preferred-owner order to a node that is a possible owner of all resources', () => {
    const c = exchangeCluster();
    // a three-node cluster, to see the choice
    const data = c.toJSON();
    data.nodes.push({ name: 'SRC3', state: 'Up' });
    for (const r of data.resources) r.possibleOwners.push('SRC3');
    const three = MscsCluster.fromJSON(data);
    three.setGroupPreferredOwners(EX.group, ['SRC1', 'SRC3', 'SRC2']);
    three.onlineGroup(EX.group);
    three.stopNode('SRC1');
    expect(three.group(EX.group)).toMatchObject({ owner: 'SRC3', state: 'Online' });
    three.startNode('SRC1');
    three.moveGroup(EX.group, 'SRC1');
    three.removePossibleOwner(EX.disk, 'SRC3');
    three.stopNode('SRC1');
    expect(three.group(EX.group)).toMatchObject({ owner: 'SRC2', state: 'Online' });
  });

  it('leaves resources Failed on the surviving node when it cannot run them', () => {
    const c = exchangeCluster();
    c.onlineGroup(EX.group);
    c.removePossibleOwner(EX.disk, 'SRC2');
    c.stopNode('SRC1');
    expect(c.group(EX.group)).toMatchObject({ owner: 'SRC2', state: 'Failed' });
    expect(c.resources().filter((r) => r.group === EX.group).map((r) => r.state)).toEqual(Array(5).fill('Failed'));
  });

  it('makes the cluster unreachable when every node is down: every command and query fails with 1722', () => {
    const c = exchangeCluster();
    c.onlineGroup(EX.group);
    c.stopNode('SRC2');
    c.stopNode('SRC1');
    expect(c.isReachable()).toBe(false);
    const commands: ClusterCommand[] = [
      { kind: 'group-create', group: 'New' },
      { kind: 'group-online', group: EX.group },
      { kind: 'resource-online', resource: EX.ip },
      { kind: 'resource-set-private', resource: EX.ip, properties: { Address: '10.0.0.8' } },
    ];
    for (const command of commands) expectRefused(c, () => c.apply(command), WIN32.RPC_S_SERVER_UNAVAILABLE);
    expectRefused(c, () => c.nodes(), WIN32.RPC_S_SERVER_UNAVAILABLE);
    expectRefused(c, () => c.groups(), WIN32.RPC_S_SERVER_UNAVAILABLE);
    expectRefused(c, () => c.resources(), WIN32.RPC_S_SERVER_UNAVAILABLE);
    expectRefused(c, () => c.pauseNode('SRC1'), WIN32.RPC_S_SERVER_UNAVAILABLE);
    expect(c.toJSON().groups.every((g) => g.owner === null)).toBe(true);
    expect(c.toJSON().resources.every((r) => r.state === 'Offline')).toBe(true);
  });

  it('brings groups back to their persistent state when the first node starts again', () => {
    const c = exchangeCluster();
    c.onlineResource(EX.sa);
    c.stopNode('SRC1');
    c.stopNode('SRC2');
    c.startNode('SRC2');
    expect(c.group(EX.group)).toMatchObject({ owner: 'SRC2', state: 'Partially Online' });
    expect(stateOf(c, EX.sa)).toBe('Online');
    expect(stateOf(c, EX.dt)).toBe('Offline');
    expect(c.group('Cluster Group')).toMatchObject({ owner: 'SRC2', state: 'Online' });
  });

  it('puts groups on a paused node when no node is up, without bringing them online', () => {
    const c = exchangeCluster();
    c.onlineGroup(EX.group);
    c.pauseNode('SRC2');
    c.stopNode('SRC1');
    expect(c.group(EX.group)).toMatchObject({ owner: 'SRC2', state: 'Failed' });
  });

  it('refuses to stop a stopped node (5062), start a running one (5061), resume an unpaused one (5058), pause a down one (5050)', () => {
    const c = exchangeCluster();
    expectRefused(c, () => c.startNode('SRC1'), WIN32.ERROR_CLUSTER_NODE_ALREADY_UP);
    expectRefused(c, () => c.resumeNode('SRC1'), WIN32.ERROR_CLUSTER_NODE_NOT_PAUSED);
    c.stopNode('SRC2');
    expectRefused(c, () => c.stopNode('SRC2'), WIN32.ERROR_CLUSTER_NODE_ALREADY_DOWN);
    expectRefused(c, () => c.pauseNode('SRC2'), WIN32.ERROR_CLUSTER_NODE_DOWN);
  });
});
