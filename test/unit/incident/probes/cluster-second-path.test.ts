import { describe, expect, it } from 'vitest';
import { ClusterError, type ClusterPort, type GroupInfo } from '../../../../src-main/cluster/port';
import { askSourceCluster } from '../../../../src-main/incident/probes/cluster-second-path';

function port(groups: () => Promise<readonly GroupInfo[]>): ClusterPort {
  return { cluster: 'SRCCLUS', groups, run: async () => undefined, nodes: async () => [], resources: async () => [] };
}
const group = (state: GroupInfo['state'], owner: string | undefined): GroupInfo => ({ name: 'Exchange Group', description: '', state, owner, preferredOwners: [] });
const signal = () => new AbortController().signal;

describe('the source cluster as the second path', () => {
  it('vetoes when the cluster answers, naming the Exchange group\'s state and owner', async () => {
    expect(await askSourceCluster(port(async () => [group('Online', 'SRC1')]), signal(), { exchangeGroup: 'exchange group' })).toEqual({
      down: false,
      detail: 'SRCCLUS answers cluster.exe: Exchange Group Online on SRC1',
    });
    expect((await askSourceCluster(port(async () => [group('Offline', undefined)]), signal(), { exchangeGroup: 'Exchange Group' })).detail).toBe(
      'SRCCLUS answers cluster.exe: Exchange Group Offline (no owner)',
    );
    expect((await askSourceCluster(port(async () => []), signal(), { exchangeGroup: 'Exchange Group' })).detail).toBe('SRCCLUS answers cluster.exe; it has no group "Exchange Group"');
  });

  it('agrees when the cluster does not answer (unreachable)', async () => {
    const reply = await askSourceCluster(port(async () => Promise.reject(new ClusterError(1722, 'The RPC server is unavailable.'))), signal());
    expect(reply).toEqual({ down: true, detail: 'SRCCLUS does not answer cluster.exe: The RPC server is unavailable. (1722)' });
  });

  it('vetoes on a refusal (the cluster answered) and on what it cannot read', async () => {
    expect((await askSourceCluster(port(async () => Promise.reject(new ClusterError(5019, 'The cluster resource is not available.'))), signal())).down).toBe(false);
    const odd = await askSourceCluster(port(async () => Promise.reject(new Error('unreadable output'))), signal());
    expect(odd).toEqual({ down: false, detail: 'SRCCLUS could not be asked: unreadable output; cannot tell, so the source is not taken as down' });
  });

  it('vetoes when the cluster gives no answer in time, and rejects when the caller stops', async () => {
    const hang = port(() => new Promise(() => undefined));
    expect(await askSourceCluster(hang, signal(), { timeoutMs: 10 })).toEqual({ down: false, detail: 'SRCCLUS gave no answer to cluster.exe within 0 s: cannot tell, so the source is not taken as down' });
    const controller = new AbortController();
    const asked = askSourceCluster(hang, controller.signal, { timeoutMs: 10_000 });
    controller.abort(new Error('monitor stopped'));
    await expect(asked).rejects.toThrow('monitor stopped');
  });
});
