import { describe, expect, it } from 'vitest';
import { WIN32 } from '../../../../src-main/cluster/win32-errors';
import { EX, exchangeCluster, expectRefused } from './fixtures';

describe('MSCS names, types and objects', () => {
  it('refuses a resource name already used in the cluster, case-insensitively (5010)', () => {
    const c = exchangeCluster();
    expectRefused(c, () => c.createResource('CLUSTER ip address', EX.group, 'IP Address'), WIN32.ERROR_OBJECT_ALREADY_EXISTS);
  });

  it('refuses a group name already used, case-insensitively (5010)', () => {
    const c = exchangeCluster();
    expectRefused(c, () => c.createGroup('exchange GROUP'), WIN32.ERROR_OBJECT_ALREADY_EXISTS);
  });

  it('finds objects whatever the case, and reports them in their own spelling', () => {
    const c = exchangeCluster();
    expect(c.resource('exchange ip').name).toBe(EX.ip);
    expect(c.group('EXCHANGE GROUP').name).toBe(EX.group);
  });

  it('refuses an unknown resource type with 5078', () => {
    const c = exchangeCluster();
    expectRefused(c, () => c.createResource('Web', EX.group, 'IIS Server Instance'), WIN32.ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND);
  });

  it('knows the six types the guide uses, in any case', () => {
    const c = exchangeCluster();
    c.createResource('Svc', EX.group, 'generic service');
    expect(c.resource('Svc').type).toBe('Generic Service');
    expect(new Set(c.resources().map((r) => r.type))).toEqual(
      new Set([
        'IP Address',
        'Network Name',
        'Physical Disk',
        'Microsoft Exchange System Attendant',
        'Double-Take Source Connection',
        'Generic Service',
      ]),
    );
  });

  it('refuses a resource in a group that does not exist (5013)', () => {
    const c = exchangeCluster();
    expectRefused(c, () => c.createResource('X', 'No Group', 'IP Address'), WIN32.ERROR_GROUP_NOT_FOUND);
  });

  it('refuses names with surrounding spaces or control characters (87)', () => {
    const c = exchangeCluster();
    expectRefused(c, () => c.createGroup(' Padded'), WIN32.ERROR_INVALID_PARAMETER);
    expectRefused(c, () => c.createResource('Tab\there', EX.group, 'IP Address'), WIN32.ERROR_INVALID_PARAMETER);
  });

  it('creates a resource offline, owned by its group\'s owner, every node a possible owner, defaults set', () => {
    const c = exchangeCluster();
    expect(c.resource(EX.ip)).toMatchObject({
      state: 'Offline',
      owner: 'SRC1',
      possibleOwners: ['SRC1', 'SRC2'],
      privateProperties: { EnableNetBIOS: 1, Address: '10.0.0.5' },
    });
  });

  it('refuses to delete a resource others depend on (5001)', () => {
    const c = exchangeCluster();
    expectRefused(c, () => c.deleteResource(EX.disk), WIN32.ERROR_DEPENDENT_RESOURCE_EXISTS);
  });

  it('refuses to delete an online resource (5019)', () => {
    const c = exchangeCluster();
    c.onlineResource(EX.dt);
    expectRefused(c, () => c.deleteResource(EX.dt), WIN32.ERROR_RESOURCE_ONLINE);
  });

  it('deletes an offline resource nothing depends on', () => {
    const c = exchangeCluster();
    c.deleteResource(EX.dt);
    expectRefused(c, () => c.resource(EX.dt), WIN32.ERROR_RESOURCE_NOT_FOUND);
  });

  it('refuses to delete a group that still holds resources (145) and deletes an empty one', () => {
    const c = exchangeCluster();
    expectRefused(c, () => c.deleteGroup(EX.group), WIN32.ERROR_DIR_NOT_EMPTY);
    c.createGroup('Empty');
    c.deleteGroup('empty');
    expectRefused(c, () => c.group('Empty'), WIN32.ERROR_GROUP_NOT_FOUND);
  });

  it('sets descriptions and preferred owners; refuses an unknown node (5042) or one named twice (87)', () => {
    const c = exchangeCluster();
    c.setGroupDescription(EX.group, 'Exchange virtual server');
    c.setResourceDescription(EX.ip, 'Public address');
    c.setGroupPreferredOwners(EX.group, ['src2', 'SRC1']);
    expect(c.group(EX.group)).toMatchObject({ description: 'Exchange virtual server', preferredOwners: ['SRC2', 'SRC1'] });
    expect(c.resource(EX.ip).description).toBe('Public address');
    expectRefused(c, () => c.setGroupPreferredOwners(EX.group, ['SRC3']), WIN32.ERROR_CLUSTER_NODE_NOT_FOUND);
    expectRefused(c, () => c.setGroupPreferredOwners(EX.group, ['SRC1', 'src1']), WIN32.ERROR_INVALID_PARAMETER);
  });
});

describe('MSCS possible owners', () => {
  it('refuses to add a node that is already a possible owner (5010) or unknown (5042)', () => {
    const c = exchangeCluster();
    expectRefused(c, () => c.addPossibleOwner(EX.ip, 'src1'), WIN32.ERROR_OBJECT_ALREADY_EXISTS);
    expectRefused(c, () => c.addPossibleOwner(EX.ip, 'TGT1'), WIN32.ERROR_CLUSTER_NODE_NOT_FOUND);
  });

  it('refuses to remove a node that is not a possible owner (5042)', () => {
    const c = exchangeCluster();
    c.removePossibleOwner(EX.ip, 'SRC2');
    expectRefused(c, () => c.removePossibleOwner(EX.ip, 'SRC2'), WIN32.ERROR_CLUSTER_NODE_NOT_FOUND);
    c.addPossibleOwner(EX.ip, 'SRC2');
    expect(c.resource(EX.ip).possibleOwners).toEqual(['SRC1', 'SRC2']);
  });

  it('refuses to remove the node a resource is online on (5023)', () => {
    const c = exchangeCluster();
    c.onlineResource(EX.ip);
    expectRefused(c, () => c.removePossibleOwner(EX.ip, 'SRC1'), WIN32.ERROR_INVALID_STATE);
  });
});

describe('MSCS private properties', () => {
  it.each(['10.0.0.256', '10.0.0', '10.0.0.5.1', 'ten.0.0.5', '010.0.0.5', ''])('refuses Address=%j (87)', (address) => {
    const c = exchangeCluster();
    expectRefused(c, () => c.setPrivateProperties(EX.ip, { Address: address }), WIN32.ERROR_INVALID_PARAMETER);
  });

  it.each(['255.0.255.0', '255.255.255.1', '0.0.0.0', '255.255.256.0'])('refuses SubnetMask=%j (87)', (mask) => {
    const c = exchangeCluster();
    expectRefused(c, () => c.setPrivateProperties(EX.ip, { SubnetMask: mask }), WIN32.ERROR_INVALID_PARAMETER);
  });

  it('accepts well-formed masks', () => {
    const c = exchangeCluster();
    for (const mask of ['255.255.255.255', '255.255.254.0', '255.0.0.0', '128.0.0.0']) {
      c.setPrivateProperties(EX.ip, { SubnetMask: mask });
      expect(c.resource(EX.ip).privateProperties['SubnetMask']).toBe(mask);
    }
  });

  it('refuses a Signature that is not a DWORD (87): a string, zero, negative, too large, fractional', () => {
    const c = exchangeCluster();
    for (const value of ['1234', 0, -1, 0x1_0000_0000, 1.5]) {
      expectRefused(c, () => c.setPrivateProperties(EX.disk, { Signature: value }), WIN32.ERROR_INVALID_PARAMETER);
    }
  });

  it('refuses a number for a string property and a Network Name that is no NetBIOS name (87)', () => {
    const c = exchangeCluster();
    expectRefused(c, () => c.setPrivateProperties(EX.ip, { Network: 5 }), WIN32.ERROR_INVALID_PARAMETER);
    expectRefused(c, () => c.setPrivateProperties(EX.name, { Name: 'A-NAME-LONGER-THAN-15' }), WIN32.ERROR_INVALID_PARAMETER);
    expectRefused(c, () => c.setPrivateProperties(EX.name, { Name: 'exch.lab' }), WIN32.ERROR_INVALID_PARAMETER);
  });

  it('sets the whole list or nothing', () => {
    const c = exchangeCluster();
    expectRefused(c, () => c.setPrivateProperties(EX.ip, { Address: '10.0.0.7', SubnetMask: 'bad' }), WIN32.ERROR_INVALID_PARAMETER);
    expect(c.resource(EX.ip).privateProperties['Address']).toBe('10.0.0.5');
  });

  it('keeps the property\'s own spelling and stores unknown properties as given', () => {
    const c = exchangeCluster();
    c.setPrivateProperties(EX.name, { requirekerberos: 1, CustomNote: 'x' });
    expect(c.resource(EX.name).privateProperties).toMatchObject({ RequireKerberos: 1, CustomNote: 'x' });
  });

  it('stores a change to an online resource with warning 5024', () => {
    const c = exchangeCluster();
    c.onlineResource(EX.ip);
    expect(c.setPrivateProperties(EX.ip, { Address: '10.0.0.6' })).toEqual({ warning: WIN32.ERROR_RESOURCE_PROPERTIES_STORED });
    expect(c.resource(EX.ip).privateProperties['Address']).toBe('10.0.0.6');
    expect(c.setPrivateProperties(EX.ip, { Address: '10.0.0.6' })).toEqual({});
    expect(c.setPrivateProperties(EX.disk, { Drive: 'E:' })).toEqual({});
  });
});

describe('MSCS group state', () => {
  it('derives Offline, Partially Online, Online and Failed from the resources', () => {
    const c = exchangeCluster();
    expect(c.group(EX.group).state).toBe('Offline');
    c.onlineResource(EX.ip);
    expect(c.group(EX.group).state).toBe('Partially Online');
    c.onlineGroup(EX.group);
    expect(c.group(EX.group).state).toBe('Online');
    c.removePossibleOwner(EX.dt, 'SRC2');
    c.stopNode('SRC1'); // no node can run every resource: the group lands on SRC2 and its resources fail
    expect(c.group(EX.group)).toMatchObject({ owner: 'SRC2', state: 'Failed' });
  });

  it('reports an empty group as Offline', () => {
    const c = exchangeCluster();
    c.createGroup('Empty');
    expect(c.group('Empty').state).toBe('Offline');
  });
});
