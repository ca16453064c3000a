import { describe, expect, it } from 'vitest';
import { parseGroupStatus, parseResourceStatus } from '../../../../src-main/cluster/cluster-exe-output';
import { emulateClusterExe, type PendingEntries } from '../../../../src-main/lab/mscs/cluster-exe-emulation';
import { createLabClusters } from '../../../../src-main/lab/mscs/lab-clusters';
import { EX, exchangeCluster } from './fixtures';

function clusters() {
  const all = createLabClusters();
  all.set('SRCCLUS', exchangeCluster());
  return all;
}

const resState = (stdout: string): string | undefined => parseResourceStatus(stdout)[0]?.status;
const groupState = (stdout: string, group: string): string | undefined => parseGroupStatus(stdout).find((g) => g.group === group)?.status;

describe('cluster.exe emulation: pending states ([assumed] lab feature)', () => {
  it('reports Online Pending for the given number of status listings after /online, then Online', () => {
    const all = clusters();
    const pending: PendingEntries = {};
    const options = { pendingPolls: 2, pending };
    const on = emulateClusterExe(all, ['SRCCLUS', 'res', EX.ip, '/online'], options);
    expect(on).toMatchObject({ exitCode: 0, pendingChanged: true });
    expect(resState(on.stdout)).toBe('Online Pending');
    expect(Object.keys(pending)).toEqual(['SRCCLUS|RES|EXCHANGE IP']);
    const polls = [1, 2, 3].map(() => resState(emulateClusterExe(all, ['srcclus', 'res', 'exchange ip', '/stat'], options).stdout));
    expect(polls).toEqual(['Online Pending', 'Online Pending', 'Online']);
    expect(pending).toEqual({});
  });

  it('counts listings of all resources too, and leaves other objects alone', () => {
    const all = clusters();
    const pending: PendingEntries = {};
    const options = { pendingPolls: 1, pending };
    emulateClusterExe(all, ['SRCCLUS', 'res', EX.ip, '/online'], options);
    const list = emulateClusterExe(all, ['SRCCLUS', 'res', '/stat'], options).stdout;
    expect(parseResourceStatus(list, [EX.group, 'Cluster Group']).find((r) => r.resource === EX.ip)?.status).toBe('Online Pending');
    expect(parseResourceStatus(list, [EX.group, 'Cluster Group']).find((r) => r.resource === EX.disk)?.status).toBe('Offline');
    expect(resState(emulateClusterExe(all, ['SRCCLUS', 'res', EX.ip, '/stat'], options).stdout)).toBe('Online');
  });

  it('reports Offline Pending after /offline and Pending for a group', () => {
    const all = clusters();
    const pending: PendingEntries = {};
    const options = { pendingPolls: 1, pending };
    const on = emulateClusterExe(all, ['SRCCLUS', 'group', EX.group, '/online'], options);
    expect(groupState(on.stdout, EX.group)).toBe('Pending');
    expect(groupState(emulateClusterExe(all, ['SRCCLUS', 'group', '/stat'], options).stdout, EX.group)).toBe('Pending');
    expect(groupState(emulateClusterExe(all, ['SRCCLUS', 'group', EX.group, '/stat'], options).stdout, EX.group)).toBe('Online');
    const off = emulateClusterExe(all, ['SRCCLUS', 'res', EX.sa, '/off'], options);
    expect(resState(off.stdout)).toBe('Offline Pending');
    expect(resState(emulateClusterExe(all, ['SRCCLUS', 'res', EX.sa, '/stat'], options).stdout)).toBe('Offline Pending');
    expect(resState(emulateClusterExe(all, ['SRCCLUS', 'res', EX.sa, '/stat'], options).stdout)).toBe('Offline');
  });

  it('does not go pending with /wait, nor by default, nor after a refusal', () => {
    const all = clusters();
    const pending: PendingEntries = {};
    const withWait = emulateClusterExe(all, ['SRCCLUS', 'res', EX.ip, '/online', '/wait:30'], { pendingPolls: 5, pending });
    expect(resState(withWait.stdout)).toBe('Online');
    expect(pending).toEqual({});
    const byDefault = emulateClusterExe(all, ['SRCCLUS', 'res', EX.disk, '/online'], { pending });
    expect(resState(byDefault.stdout)).toBe('Online');
    const refused = emulateClusterExe(all, ['SRCCLUS', 'res', 'No Such', '/online'], { pendingPolls: 5, pending });
    expect(refused).toMatchObject({ exitCode: 5007, pendingChanged: false });
    expect(pending).toEqual({});
  });

  it('a new command on the object ends its pending state', () => {
    const all = clusters();
    const pending: PendingEntries = {};
    emulateClusterExe(all, ['SRCCLUS', 'res', EX.ip, '/online'], { pendingPolls: 5, pending });
    emulateClusterExe(all, ['SRCCLUS', 'res', EX.ip, '/offline', '/wait'], { pendingPolls: 5, pending });
    expect(pending).toEqual({});
    expect(resState(emulateClusterExe(all, ['SRCCLUS', 'res', EX.ip, '/stat'], { pending }).stdout)).toBe('Offline');
  });
});

describe('cluster.exe emulation: naming the cluster', () => {
  it('accepts /cluster:NAME like NAME, and refuses the undocumented /c: with 87', () => {
    const all = clusters();
    const plain = emulateClusterExe(all, ['SRCCLUS', 'res', EX.ip, '/stat']);
    expect(emulateClusterExe(all, ['/cluster:SRCCLUS', 'res', EX.ip, '/stat'])).toEqual(plain);
    expect(emulateClusterExe(all, ['/c:SRCCLUS', 'res', EX.ip, '/stat']).exitCode).toBe(87);
  });
});
