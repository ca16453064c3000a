import { describe, expect, it } from 'vitest';
import type { ClusterData } from '../../../../src-main/lab/mscs/cluster-data';
import { createLabCluster } from '../../../../src-main/lab/mscs/lab-clusters';
import type { MscsCluster } from '../../../../src-main/lab/mscs/mscs-cluster';
import { answersTargetSide, clusterAnswering, doubleTakeReach, systemAttendantOnline } from '../../../../src-main/lab/failures/lab-reach';
import { exchangeClusterModel, GROUP } from '../exchange/exchange-lab-fixtures';

/** Both lab clusters, the source's Exchange group online on SRC1, the target's with its Double-Take address online. */
function world(): { source: MscsCluster; target: MscsCluster; data: () => ClusterData[] } {
  const source = exchangeClusterModel('source');
  source.onlineGroup(GROUP.name);
  const target = createLabCluster('target');
  target.createGroup('DT');
  target.createResource('Double-Take Replication IP Address', 'DT', 'IP Address');
  target.setPrivateProperties('Double-Take Replication IP Address', { Address: '10.1.0.21', SubnetMask: '255.255.255.0', Network: 'Public' });
  target.onlineGroup('DT');
  return { source, target, data: () => [source.toJSON(), target.toJSON()] };
}

describe('who answers whom in the lab', () => {
  it('finds where an address answers: an online IP Address or Network Name on an up node, or an up node', () => {
    const { source, data } = world();
    expect(clusterAnswering(data(), '10.0.0.20')?.name).toBe('SRCCLUS');
    expect(clusterAnswering(data(), 'exchvs')?.name).toBe('SRCCLUS');
    expect(clusterAnswering(data(), '10.1.0.21')?.name).toBe('TGTCLUS');
    expect(clusterAnswering(data(), 'TGT2')?.name).toBe('TGTCLUS');
    expect(clusterAnswering(data(), '10.9.9.9')).toBeUndefined();
    source.offlineGroup(GROUP.name);
    expect(clusterAnswering(data(), '10.0.0.20')).toBeUndefined();
    source.stopNode('SRC1');
    source.stopNode('SRC2');
    expect(clusterAnswering(data(), 'SRC1')).toBeUndefined();
    expect(clusterAnswering(data(), '10.0.0.10')).toBeUndefined();
  });

  it("Double-Take reaches a target that answers, unless the link or a split cuts the clusters apart", () => {
    const { data } = world();
    expect(doubleTakeReach(data(), [])('10.1.0.21', 'SRC1')).toBe(true);
    expect(doubleTakeReach(data(), [])('10.9.9.9', 'SRC1')).toBe(false);
    expect(doubleTakeReach(data(), [{ kind: 'link' }])('10.1.0.21', 'SRC1')).toBe(false);
    expect(doubleTakeReach(data(), [{ kind: 'split' }])('10.1.0.21', 'SRC2')).toBe(false);
    // The reverse direction of a failback is cut the same way; inside one cluster nothing is cut.
    expect(doubleTakeReach(data(), [{ kind: 'link' }])('10.0.0.20', 'TGT1')).toBe(false);
    expect(doubleTakeReach(data(), [{ kind: 'link' }])('10.1.0.21', 'TGT2')).toBe(true);
    expect(doubleTakeReach(data(), [{ kind: 'node', node: 'TGT1' }])('10.1.0.21', 'SRC1')).toBe(true);
  });

  it('Exchange writes on the node whose System Attendant is online', () => {
    const { source, data } = world();
    expect(systemAttendantOnline(data())('SRC1')).toBe(true);
    expect(systemAttendantOnline(data())('SRC2')).toBe(false);
    source.stopNode('SRC1'); // MSCS moves the group to SRC2, where it comes online
    expect(systemAttendantOnline(data())('SRC1')).toBe(false);
    expect(systemAttendantOnline(data())('SRC2')).toBe(true);
    source.offlineResource(GROUP.systemAttendant);
    expect(systemAttendantOnline(data())('SRC2')).toBe(false);
  });

  it("the monitor's lab probe loses the source in a split only", () => {
    const { data } = world();
    expect(answersTargetSide(data(), [], '10.0.0.20')).toBe(true);
    expect(answersTargetSide(data(), [{ kind: 'link' }], '10.0.0.20')).toBe(true);
    expect(answersTargetSide(data(), [{ kind: 'split' }], '10.0.0.20')).toBe(false);
    expect(answersTargetSide(data(), [{ kind: 'split' }], '10.1.0.21')).toBe(true);
  });
});
