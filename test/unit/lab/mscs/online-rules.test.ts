import { describe, expect, it } from 'vitest';
import { WIN32 } from '../../../../src-main/cluster/win32-errors';
import { createLabCluster } from '../../../../src-main/lab/mscs/lab-clusters';
import { EX, exchangeCluster, expectRefused, stateOf } from './fixtures';

describe('MSCS online rules', () => {
  it('refuses to bring a Network Name online without an IP Address dependency (5002)', () => {
    const c = createLabCluster('source');
    c.createGroup('G');
    c.createResource('NN', 'G', 'Network Name');
    c.setPrivateProperties('NN', { Name: 'VS1' });
    expectRefused(c, () => c.onlineResource('NN'), WIN32.ERROR_DEPENDENCY_NOT_FOUND);
  });

  it('refuses a System Attendant without a Network Name dependency (5002)', () => {
    const c = exchangeCluster();
    c.removeDependency(EX.sa, EX.name);
    expectRefused(c, () => c.onlineResource(EX.sa), WIN32.ERROR_DEPENDENCY_NOT_FOUND);
  });

  it('refuses a System Attendant without a Physical Disk dependency (5002)', () => {
    const c = exchangeCluster();
    c.removeDependency(EX.sa, EX.disk);
    expectRefused(c, () => c.onlineResource(EX.sa), WIN32.ERROR_DEPENDENCY_NOT_FOUND);
  });

  it('refuses a System Attendant that does not depend on every Physical Disk of its group (5002)', () => {
    const c = exchangeCluster();
    c.createResource('Disk F:', EX.group, 'Physical Disk');
    c.setPrivateProperties('Disk F:', { Signature: 77 });
    expectRefused(c, () => c.onlineResource(EX.sa), WIN32.ERROR_DEPENDENCY_NOT_FOUND);
    c.addDependency(EX.sa, 'Disk F:');
    c.onlineResource(EX.sa);
    expect(stateOf(c, 'Disk F:')).toBe('Online');
  });

  it('refuses a Double-Take Source Connection without a Physical Disk dependency (5002)', () => {
    const c = exchangeCluster();
    c.removeDependency(EX.dt, EX.disk);
    expectRefused(c, () => c.onlineResource(EX.dt), WIN32.ERROR_DEPENDENCY_NOT_FOUND);
  });

  it.each([
    ['IP Address', { SubnetMask: '255.255.255.0', Network: 'Public' }],
    ['IP Address', { Address: '10.0.0.9', Network: 'Public' }],
    ['IP Address', { Address: '10.0.0.9', SubnetMask: '255.255.255.0' }],
    ['Network Name', {}],
    ['Physical Disk', { Drive: 'F:' }],
    ['Double-Take Source Connection', { Target: 'TGT1' }],
    ['Double-Take Source Connection', { ReplicationSet: 'Exchange' }],
    ['Generic Service', {}],
  ] as const)('refuses to bring a %s online before its required private properties are set (87) %#', (type, props) => {
    const c = createLabCluster('source');
    c.createGroup('G');
    c.createResource('R', 'G', type);
    c.setPrivateProperties('R', props);
    if (type === 'Network Name') {
      c.createResource('IP', 'G', 'IP Address');
      c.setPrivateProperties('IP', { Address: '10.0.0.9', SubnetMask: '255.255.255.0', Network: 'Public' });
      c.addDependency('R', 'IP');
    }
    if (type === 'Double-Take Source Connection') {
      c.createResource('D', 'G', 'Physical Disk');
      c.setPrivateProperties('D', { Signature: 5 });
      c.addDependency('R', 'D');
    }
    const error = expectRefused(c, () => c.onlineResource('R'), WIN32.ERROR_INVALID_PARAMETER);
    expect(error.message).toMatch(/private property/);
  });

  it('brings the dependencies online first, as MSCS does', () => {
    const c = exchangeCluster();
    c.onlineResource(EX.sa);
    expect([EX.ip, EX.name, EX.disk, EX.sa].map((r) => stateOf(c, r))).toEqual(['Online', 'Online', 'Online', 'Online']);
    expect(stateOf(c, EX.dt)).toBe('Offline');
    expect(c.group(EX.group).state).toBe('Partially Online');
  });

  it('refuses a chain as a whole when one dependency cannot come online (nothing comes online)', () => {
    const c = exchangeCluster();
    c.createResource('Bare IP', EX.group, 'IP Address');
    c.removeDependency(EX.name, EX.ip);
    c.addDependency(EX.name, 'Bare IP');
    expectRefused(c, () => c.onlineResource(EX.sa), WIN32.ERROR_INVALID_PARAMETER);
    expect(stateOf(c, EX.disk)).toBe('Offline');
  });

  it('brings a whole group online in dependency order', () => {
    const c = exchangeCluster();
    c.onlineGroup(EX.group);
    expect(c.group(EX.group).state).toBe('Online');
    expect(c.resources().filter((r) => r.group === EX.group).every((r) => r.state === 'Online' && r.owner === 'SRC1')).toBe(true);
  });

  it('brings a resource online only on a possible owner (5071 on the owner node it cannot run on)', () => {
    const c = exchangeCluster();
    c.removePossibleOwner(EX.disk, 'SRC1');
    expectRefused(c, () => c.onlineResource(EX.sa), WIN32.ERROR_NODE_CANT_HOST_RESOURCE);
    expectRefused(c, () => c.onlineGroup(EX.group), WIN32.ERROR_NODE_CANT_HOST_RESOURCE);
  });

  it('refuses to bring a resource online on a paused owner (5070)', () => {
    const c = exchangeCluster();
    c.pauseNode('SRC1');
    expectRefused(c, () => c.onlineResource(EX.ip), WIN32.ERROR_CLUSTER_NODE_PAUSED);
  });

  it('brings a group online on a named node by moving it there first', () => {
    const c = exchangeCluster();
    c.onlineGroup(EX.group, 'src2');
    expect(c.group(EX.group)).toMatchObject({ owner: 'SRC2', state: 'Online' });
  });

  it('treats bringing an online resource online again as success', () => {
    const c = exchangeCluster();
    c.onlineResource(EX.ip);
    c.onlineResource(EX.ip);
    expect(stateOf(c, EX.ip)).toBe('Online');
  });
});

describe('MSCS offline rules', () => {
  it('takes dependents offline first (offline in reverse order)', () => {
    const c = exchangeCluster();
    c.onlineGroup(EX.group);
    c.offlineResource(EX.ip);
    expect([EX.ip, EX.name, EX.sa].map((r) => stateOf(c, r))).toEqual(['Offline', 'Offline', 'Offline']);
    expect([EX.disk, EX.dt].map((r) => stateOf(c, r))).toEqual(['Online', 'Online']);
    expect(c.group(EX.group).state).toBe('Partially Online');
  });

  it('takes a whole group offline', () => {
    const c = exchangeCluster();
    c.onlineGroup(EX.group);
    c.offlineGroup(EX.group);
    expect(c.group(EX.group).state).toBe('Offline');
  });
});
