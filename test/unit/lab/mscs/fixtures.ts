import { expect } from 'vitest';
import { ClusterError } from '../../../../src-main/cluster/port';
import { createLabCluster } from '../../../../src-main/lab/mscs/lab-clusters';
import type { MscsCluster } from '../../../../src-main/lab/mscs/mscs-cluster';

/** The guide's source group names, used across the model tests. */
export const EX = {
  group: 'Exchange Group',
  ip: 'Exchange IP',
  name: 'Exchange Name',
  disk: 'Disk E:',
  sa: 'Exchange System Attendant',
  dt: 'Double-Take Source Connection',
} as const;

/** The lab source cluster with the guide's Exchange group fully configured but offline. */
export function exchangeCluster(): MscsCluster {
  const c = createLabCluster('source');
  c.createGroup(EX.group);
  c.createResource(EX.ip, EX.group, 'IP Address');
  c.setPrivateProperties(EX.ip, { Address: '10.0.0.5', SubnetMask: '255.255.255.0', Network: 'Public' });
  c.createResource(EX.name, EX.group, 'Network Name');
  c.setPrivateProperties(EX.name, { Name: 'EXCHVS' });
  c.addDependency(EX.name, EX.ip);
  c.createResource(EX.disk, EX.group, 'Physical Disk');
  c.setPrivateProperties(EX.disk, { Signature: 0x1234abcd, Drive: 'E:' });
  c.createResource(EX.sa, EX.group, 'Microsoft Exchange System Attendant');
  c.addDependency(EX.sa, EX.name);
  c.addDependency(EX.sa, EX.disk);
  c.createResource(EX.dt, EX.group, 'Double-Take Source Connection');
  c.setPrivateProperties(EX.dt, { ReplicationSet: 'Exchange', Target: 'TGT1' });
  c.addDependency(EX.dt, EX.disk);
  return c;
}

/** Asserts that `act` is refused with that Win32 number and leaves the model exactly as it was. */
export function expectRefused(model: MscsCluster, act: () => unknown, code: number): ClusterError {
  const before = JSON.stringify(model.toJSON());
  let caught: unknown;
  try {
    act();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'the cluster should refuse').toBeInstanceOf(ClusterError);
  const error = caught as ClusterError;
  expect(error.code).toBe(code);
  expect(JSON.stringify(model.toJSON())).toBe(before);
  return error;
}

/** The state of one resource. */
export function stateOf(model: MscsCluster, resource: string): string {
  return model.resource(resource).state;
}
