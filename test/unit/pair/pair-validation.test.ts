import { describe, expect, it } from 'vitest';
import { describePairProblems, PairDocumentError, parsePairDocument } from '../../../src-main/pair';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { problemsAfter, problemsAfterJson } from './pair-test-helpers';

describe('pair document validation: one rule, one refused value, the right field path', () => {
  it('refuses an address that is not a dotted quad', () => {
    const problems = problemsAfter((d) => {
      d.source.ipAddress.address = '10.0.0.256';
    });
    expect(problems).toEqual({ 'source.ipAddress.address': expect.stringMatching(/'10\.0\.0\.256' is not an IPv4 address/) });
  });

  it('refuses a mask that is not contiguous, with the words of the example', () => {
    const problems = problemsAfter((d) => {
      d.source.ipAddress.subnetMask = '255.0.255.0';
    });
    expect(problems).toEqual({ 'source.ipAddress.subnetMask': expect.stringMatching(/^255\.0\.255\.0 is not a contiguous mask/) });
  });

  it('refuses the subnet address and the broadcast address as host addresses', () => {
    expect(problemsAfter((d) => {
      d.target.ipAddress.address = '10.1.0.0';
    })).toEqual({ 'target.ipAddress.address': expect.stringMatching(/address of the subnet 10\.1\.0\.0\/24 itself/) });
    expect(problemsAfter((d) => {
      d.target.ipAddress.address = '10.1.0.255';
    })).toEqual({ 'target.ipAddress.address': expect.stringMatching(/broadcast address of the subnet 10\.1\.0\.0\/24/) });
  });

  it('refuses a replication address outside the subnet of the target network', () => {
    const problems = problemsAfter((d) => {
      d.target.replicationIpAddress.address = '10.2.0.21';
      d.source.sourceConnection.targetAddress = '10.2.0.21';
    });
    expect(problems).toEqual({ 'target.replicationIpAddress.address': expect.stringMatching(/outside the subnet 10\.1\.0\.0\/24 of network 'Public'/) });
  });

  it('refuses two masks for one network of a cluster', () => {
    const problems = problemsAfter((d) => {
      d.target.replicationIpAddress.subnetMask = '255.255.0.0';
    });
    expect(problems).toEqual({ 'target.replicationIpAddress.subnetMask': expect.stringMatching(/differs from 255\.255\.255\.0/) });
  });

  it('accepts a replication address on another network named as such', () => {
    expect(problemsAfter((d) => {
      d.target.replicationIpAddress = { ...d.target.replicationIpAddress, address: '192.168.5.2', network: 'Replication' };
      d.source.sourceConnection.targetAddress = '192.168.5.2';
    })).toEqual({});
  });

  it('refuses the same client address on both clusters', () => {
    const problems = problemsAfter((d) => {
      d.target.ipAddress.address = '10.0.0.20';
      d.target.ipAddress.subnetMask = '255.255.255.0';
      d.target.replicationIpAddress.address = '10.0.0.21';
      d.source.sourceConnection.targetAddress = '10.0.0.21';
    });
    expect(problems).toEqual({ 'target.ipAddress.address': expect.stringMatching(/already the address at source\.ipAddress\.address/) });
  });

  it('refuses a replication address equal to the target client address', () => {
    const problems = problemsAfter((d) => {
      d.target.replicationIpAddress.address = '10.1.0.20';
      d.source.sourceConnection.targetAddress = '10.1.0.20';
    });
    expect(problems).toEqual({ 'target.replicationIpAddress.address': expect.stringMatching(/already the address at target\.ipAddress\.address/) });
  });

  it('refuses a Double-Take target that is not the replication address', () => {
    const problems = problemsAfter((d) => {
      d.source.sourceConnection.targetAddress = '10.1.0.20';
    });
    expect(problems).toEqual({ 'source.sourceConnection.targetAddress': expect.stringMatching(/not the target's replication address 10\.1\.0\.21/) });
  });

  it('refuses resource names repeated in one cluster, compared without case', () => {
    const problems = problemsAfter((d) => {
      d.target.replicationIpAddress.resourceName = 'EXCHANGE IP ADDRESS';
    });
    expect(problems).toEqual({ 'target.replicationIpAddress.resourceName': expect.stringMatching(/already the name of target\.ipAddress\.resourceName/) });
  });

  it('accepts the same resource names on the two clusters', () => {
    expect(problemsAfter(() => undefined)).toEqual({});
    const d = labPairDocument();
    expect(d.source.ipAddress.resourceName).toBe(d.target.ipAddress.resourceName);
  });

  it('refuses a resource name with a control character', () => {
    expect(problemsAfter((d) => {
      d.source.systemAttendant.resourceName = 'Exchange\tSA';
    })).toEqual({ 'source.systemAttendant.resourceName': expect.stringMatching(/control character/) });
  });

  it('refuses a network name longer than 15 characters', () => {
    const problems = problemsAfter((d) => {
      d.source.networkName.name = 'EXCHANGEVIRTUAL1';
      d.monitor.monitoredName = 'EXCHANGEVIRTUAL1';
    });
    expect(problems['source.networkName.name']).toMatch(/16 characters long; a NetBIOS name has at most 15/);
  });

  it('refuses a network name with a character NetBIOS does not allow', () => {
    const problems = problemsAfter((d) => {
      d.target.networkName.name = 'EXCH VS';
    });
    expect(problems).toEqual({ 'target.networkName.name': expect.stringMatching(/contains ' '/) });
  });

  it('refuses a virtual server name that is already a node or cluster name', () => {
    const problems = problemsAfter((d) => {
      d.target.networkName.name = 'srcclus';
    });
    expect(problems).toEqual({ 'target.networkName.name': expect.stringMatching(/already used at source\.cluster\.name/) });
  });

  it('refuses a node listed twice', () => {
    const problems = problemsAfter((d) => {
      d.source.cluster.nodes.push({ name: 'src1', doubleTakeFolder: 'C:\\DT' });
    });
    expect(problems).toEqual({ 'source.cluster.nodes[2].name': expect.stringMatching(/listed twice/) });
  });

  it('refuses a replication rule on a drive that is not a disk of the group', () => {
    const problems = problemsAfter((d) => {
      d.replicationSet.rules.push({ path: 'F:\\Logs', mode: 'include', recursive: true });
    });
    expect(problems).toEqual({ 'replicationSet.rules[1].path': expect.stringMatching(/drive F, which is not one of the source group's physical disks \(E:\)/) });
  });

  it('refuses a replication rule on a drive the target group lacks', () => {
    const problems = problemsAfter((d) => {
      d.source.physicalDisks.push({ resourceName: 'Disk F:', drive: 'F', signature: 0x1234 });
      d.replicationSet.rules.push({ path: 'F:\\Logs', mode: 'include', recursive: true });
    });
    expect(problems).toEqual({ 'replicationSet.rules[1].path': expect.stringMatching(/not one of the target group's physical disks/) });
  });

  it('refuses two rules for the same path', () => {
    const problems = problemsAfter((d) => {
      d.replicationSet.rules.push({ path: 'e:/EXCHSRVR/', mode: 'exclude', recursive: false });
    });
    expect(problems).toEqual({ 'replicationSet.rules[1].path': expect.stringMatching(/already has a rule at replicationSet\.rules\[0\]/) });
  });

  it('refuses a System Attendant data path off the group disks', () => {
    const problems = problemsAfter((d) => {
      d.target.systemAttendant.dataPath = 'C:\\Exchsrvr';
    });
    expect(problems).toEqual({ 'target.systemAttendant.dataPath': expect.stringMatching(/drive C, which is not one of the group's physical disks/) });
  });

  it('refuses a path longer than 259 characters', () => {
    const long = `E:\\${'a'.repeat(257)}`;
    const problems = problemsAfter((d) => {
      d.replicationSet.rules[0]!.path = long;
    });
    expect(problems).toEqual({ 'replicationSet.rules[0].path': expect.stringMatching(/260 characters long; Windows allows at most 259/) });
  });

  it('refuses an invalid Windows path', () => {
    const problems = problemsAfter((d) => {
      d.source.systemAttendant.dataPath = 'E:\\Exch|srvr';
    });
    expect(problems).toEqual({ 'source.systemAttendant.dataPath': expect.stringMatching(/contains the character '\|'/) });
  });

  it('refuses a Double-Take folder that leaves no room for online.dtcl', () => {
    const folder = `C:\\${'d'.repeat(250)}`;
    const problems = problemsAfter((d) => {
      d.target.cluster.nodes[1]!.doubleTakeFolder = folder;
    });
    expect(problems).toEqual({ 'target.cluster.nodes[1].doubleTakeFolder': expect.stringMatching(/leaves no room for online\.dtcl/) });
  });

  it('refuses an empty replication set name', () => {
    expect(problemsAfter((d) => {
      d.replicationSet.name = '';
    })).toEqual({ 'replicationSet.name': expect.stringMatching(/is empty/) });
  });

  it('refuses a replication set name with a control character or a quote', () => {
    expect(problemsAfter((d) => {
      d.replicationSet.name = 'Exch\tange';
    })).toEqual({ 'replicationSet.name': expect.stringMatching(/control character/) });
    expect(problemsAfter((d) => {
      d.replicationSet.name = 'Exch"ange';
    })).toEqual({ 'replicationSet.name': expect.stringMatching(/contains '"'/) });
  });

  it('refuses a drive given with its colon, and a repeated drive letter', () => {
    expect(problemsAfter((d) => {
      d.source.physicalDisks[0]!.drive = 'E:';
    })).toEqual({ 'source.physicalDisks[0].drive': expect.stringMatching(/give the letter alone \(E\)/) });
    expect(problemsAfter((d) => {
      d.source.physicalDisks.push({ resourceName: 'Disk E2', drive: 'e', signature: 0x99 });
    })).toEqual({ 'source.physicalDisks[1].drive': expect.stringMatching(/drive E is already given at source\.physicalDisks\[0\]\.drive/) });
  });

  it('refuses a signature that is not a non-zero DWORD, and a repeated signature', () => {
    expect(problemsAfter((d) => {
      d.source.physicalDisks[0]!.signature = 0x100000000;
    })).toEqual({ 'source.physicalDisks[0].signature': expect.stringMatching(/not a disk signature/) });
    expect(problemsAfter((d) => {
      d.source.physicalDisks.push({ resourceName: 'Disk F:', drive: 'F', signature: d.source.physicalDisks[0]!.signature });
    })).toEqual({ 'source.physicalDisks[1].signature': expect.stringMatching(/signature 0x5A17E0E0 is already given/) });
  });

  it('refuses a monitor that watches another address or name', () => {
    expect(problemsAfter((d) => {
      d.monitor.monitoredAddress = '10.0.0.21';
    })).toEqual({ 'monitor.monitoredAddress': expect.stringMatching(/not the source virtual server's address 10\.0\.0\.20/) });
    expect(problemsAfter((d) => {
      d.monitor.monitoredName = 'OTHER';
    })).toEqual({ 'monitor.monitoredName': expect.stringMatching(/not the source virtual server's name 'EXCHVS'/) });
  });

  it('refuses monitor settings other than the guide section 6 ones', () => {
    expect(problemsAfterJson((j) => {
      (j.monitor as Record<string, unknown>).useShrShareMapping = true;
      (j.monitor as Record<string, unknown>).clearItemsToFailover = false;
    })).toEqual({
      'monitor.clearItemsToFailover': expect.stringMatching(/section 6, step 2g/),
      'monitor.useShrShareMapping': expect.stringMatching(/section 6, step 2h/),
    });
  });

  it('refuses another version, a missing field, a wrong type and an unknown field', () => {
    expect(problemsAfterJson((j) => {
      j.version = 2;
      delete (j.source as Record<string, unknown>).group;
      ((j.target as Record<string, unknown>).ipAddress as Record<string, unknown>).address = 10;
      j.comment = 'x';
    })).toEqual({
      version: expect.stringMatching(/version 1/),
      'source.group': expect.stringMatching(/missing/),
      'target.ipAddress.address': expect.stringMatching(/Expected a text, found 10/),
      comment: expect.stringMatching(/'comment' is not a field/),
    });
  });

  it('refuses an empty node, disk or rule list', () => {
    expect(problemsAfter((d) => {
      d.source.cluster.nodes = [];
      d.replicationSet.rules = [];
    })).toEqual({
      'source.cluster.nodes': expect.stringMatching(/at least one node/),
      'replicationSet.rules': expect.stringMatching(/at least one rule/),
    });
  });
});

describe('parsePairDocument and describePairProblems', () => {
  it('throws one PairDocumentError listing every problem with its path and the source', () => {
    const document = labPairDocument();
    document.source.ipAddress.subnetMask = '255.0.255.0';
    document.replicationSet.name = '';
    let caught: unknown;
    try {
      parsePairDocument(document, 'pair.json');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PairDocumentError);
    const error = caught as PairDocumentError;
    expect(error.problems.map((p) => p.path)).toEqual(['source.ipAddress.subnetMask', 'replicationSet.name']);
    expect(error.message).toContain('pair.json has 2 problems');
    expect(error.message).toContain('source.ipAddress.subnetMask: 255.0.255.0 is not a contiguous mask');
    expect(Object.keys(describePairProblems(error))).toEqual(['source.ipAddress.subnetMask', 'replicationSet.name']);
  });

  it('joins several messages for one field', () => {
    expect(describePairProblems([
      { path: 'a', message: 'one' },
      { path: 'a', message: 'two' },
      { path: 'constructor', message: 'three' },
    ])).toEqual({ a: 'one; two', constructor: 'three' });
  });

  it('reports an unknown key named __proto__ as a plain field', () => {
    const json = JSON.parse(`{"version":1,"__proto__":{"x":1}}`) as unknown;
    let caught: unknown;
    try {
      parsePairDocument(json, 'x.json');
    } catch (error) {
      caught = error;
    }
    const described = describePairProblems(caught as PairDocumentError);
    expect(Object.keys(described)).toContain('__proto__');
    expect(described.source).toMatch(/missing/);
  });

  it('names the field path of an unknown nested key', () => {
    expect(problemsAfterJson((j) => {
      ((j.source as Record<string, unknown>).physicalDisks as Record<string, unknown>[])[0]!.letter = 'E';
    })).toEqual({ 'source.physicalDisks[0].letter': expect.stringMatching(/'letter' is not a field/) });
  });
});
