import { describe, expect, it } from 'vitest';
import { checkPairDocument, parsePairDocument } from '../../../src-main/pair';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';

describe('labPairDocument', () => {
  it('is valid', () => {
    const check = checkPairDocument(labPairDocument());
    expect(check.ok ? [] : check.problems).toEqual([]);
  });

  it('holds the lab names, addresses and replication set', () => {
    const document = parsePairDocument(labPairDocument(), 'the lab');
    expect(document.source.cluster).toEqual({
      name: 'SRCCLUS',
      nodes: [
        { name: 'SRC1', doubleTakeFolder: 'C:\\Program Files\\DoubleTake' },
        { name: 'SRC2', doubleTakeFolder: 'C:\\Program Files\\DoubleTake' },
      ],
    });
    expect(document.target.cluster.name).toBe('TGTCLUS');
    expect(document.target.cluster.nodes.map((n) => n.name)).toEqual(['TGT1', 'TGT2']);
    expect(document.source.networkName.name).toBe('EXCHVS');
    expect(document.target.networkName.name).toBe('EXCHVS-DR');
    expect(document.source.physicalDisks.map((d) => d.drive)).toEqual(['E']);
    expect(document.source.systemAttendant.dataPath).toBe('E:\\Exchsrvr');
    expect(document.source.ipAddress).toMatchObject({ address: '10.0.0.20', subnetMask: '255.255.255.0', network: 'Public' });
    expect(document.target.ipAddress.address).toBe('10.1.0.20');
    expect(document.target.replicationIpAddress.address).toBe('10.1.0.21');
    expect(document.source.sourceConnection.targetAddress).toBe('10.1.0.21');
    expect(document.replicationSet).toEqual({ name: 'Exchange', rules: [{ path: 'E:\\Exchsrvr', mode: 'include', recursive: true }] });
    expect(document.monitor).toEqual({
      monitoredAddress: '10.0.0.20',
      monitoredName: 'EXCHVS',
      clearItemsToFailover: true,
      useShrShareMapping: false,
      // Short, so that an incident takes seconds in the lab: Time to Fail 6 s.
      intervalSeconds: 2,
      missedReplies: 3,
      probe: { kind: 'icmp' },
      secondPath: 'source-cluster',
    });
    // The failback mirrors to the source cluster's own address, online while its Exchange group stays offline.
    expect(document.incident).toEqual({ rules: [], noRus: false, noSpn: false, failbackAddress: '10.0.0.10', guardMinutes: 60 });
  });

  it('returns a fresh object each call', () => {
    const a = labPairDocument();
    a.source.group.name = 'changed';
    expect(labPairDocument().source.group.name).toBe('Exchange Group');
  });
});
