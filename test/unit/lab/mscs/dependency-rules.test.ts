import { describe, expect, it } from 'vitest';
import { WIN32 } from '../../../../src-main/cluster/win32-errors';
import { EX, exchangeCluster, expectRefused } from './fixtures';

describe('MSCS dependency rules', () => {
  it('refuses a dependency across groups with 87', () => {
    const c = exchangeCluster();
    expectRefused(c, () => c.addDependency(EX.name, 'Cluster IP Address'), WIN32.ERROR_INVALID_PARAMETER);
  });

  it('refuses a dependency that closes a cycle with 1059', () => {
    const c = exchangeCluster();
    // SA -> Name -> IP; IP -> SA would close the loop
    expectRefused(c, () => c.addDependency(EX.ip, EX.sa), WIN32.ERROR_CIRCULAR_DEPENDENCY);
  });

  it('refuses a direct back-dependency (A->B, B->A) with 1059', () => {
    const c = exchangeCluster();
    expectRefused(c, () => c.addDependency(EX.ip, EX.name), WIN32.ERROR_CIRCULAR_DEPENDENCY);
  });

  it('refuses a duplicate dependency with 5003, names compared case-insensitively', () => {
    const c = exchangeCluster();
    expectRefused(c, () => c.addDependency(EX.name.toUpperCase(), EX.ip.toLowerCase()), WIN32.ERROR_DEPENDENCY_ALREADY_EXISTS);
  });

  it('refuses a dependency added to an online resource with 5019', () => {
    const c = exchangeCluster();
    c.createResource('Extra IP', EX.group, 'IP Address');
    c.onlineResource(EX.name);
    expectRefused(c, () => c.addDependency(EX.name, 'Extra IP'), WIN32.ERROR_RESOURCE_ONLINE);
  });

  it('allows a dependency on an online resource when the dependent is offline', () => {
    const c = exchangeCluster();
    c.createResource('Extra IP', EX.group, 'IP Address');
    c.onlineResource(EX.ip);
    c.addDependency('Extra IP', EX.ip);
    expect(c.resource('Extra IP').dependencies).toEqual([EX.ip]);
  });

  it('refuses a dependency on itself with 87', () => {
    const c = exchangeCluster();
    expectRefused(c, () => c.addDependency(EX.ip, EX.ip.toLowerCase()), WIN32.ERROR_INVALID_PARAMETER);
  });

  it('refuses a dependency on a resource that does not exist with 5007', () => {
    const c = exchangeCluster();
    expectRefused(c, () => c.addDependency(EX.sa, 'No Such Disk'), WIN32.ERROR_RESOURCE_NOT_FOUND);
  });

  it('stores the dependency under the provider\'s own spelling', () => {
    const c = exchangeCluster();
    c.createResource('Extra IP', EX.group, 'IP Address');
    c.addDependency(EX.dt, 'EXTRA ip');
    expect(c.resource(EX.dt).dependencies).toEqual([EX.disk, 'Extra IP']);
  });

  it('refuses to remove a dependency that does not exist with 5002', () => {
    const c = exchangeCluster();
    expectRefused(c, () => c.removeDependency(EX.ip, EX.disk), WIN32.ERROR_DEPENDENCY_NOT_FOUND);
  });

  it('refuses to remove a dependency while either resource is online with 5023', () => {
    const c = exchangeCluster();
    c.onlineResource(EX.name);
    expectRefused(c, () => c.removeDependency(EX.name, EX.ip), WIN32.ERROR_INVALID_STATE);
  });

  it('removes a dependency of offline resources', () => {
    const c = exchangeCluster();
    c.removeDependency(EX.sa, EX.disk);
    expect(c.resource(EX.sa).dependencies).toEqual([EX.name]);
  });
});
