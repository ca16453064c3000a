import { describe, expect, it, vi } from 'vitest';
import { LabClusterAdapter } from '../../../../src-main/lab/adapters/lab-cluster-adapter';
import { ClusterError } from '../../../../src-main/cluster/port';
import type { ClusterData } from '../../../../src-main/lab/mscs/cluster-data';
import { createLabCluster } from '../../../../src-main/lab/mscs/lab-clusters';
import type { MscsCluster } from '../../../../src-main/lab/mscs/mscs-cluster';

describe('LabClusterAdapter', () => {
  it('runs commands on the model and reports each change', async () => {
    const model = createLabCluster('source');
    const onChange = vi.fn<(m: MscsCluster, before: ClusterData) => void>();
    const port = new LabClusterAdapter(model, onChange);
    expect(port.cluster).toBe('SRCCLUS');
    await port.run({ kind: 'group-create', group: 'Exchange Group' });
    await port.run({ kind: 'group-set-description', group: 'Exchange Group', description: 'Exchange' });
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(onChange).toHaveBeenLastCalledWith(model, expect.objectContaining({ name: model.name }));
    // The state before the change comes with it (what the lab's resource DLLs compare).
    expect(onChange.mock.calls[1]?.[1].groups.find((g) => g.name === 'Exchange Group')?.description).toBe('');
    expect(model.toJSON().groups.find((g) => g.name === 'Exchange Group')?.description).toBe('Exchange');
    expect(await port.groups()).toContainEqual({
      name: 'Exchange Group',
      description: 'Exchange',
      state: 'Offline',
      owner: 'SRC1',
      preferredOwners: [],
    });
    expect((await port.nodes()).map((n) => n.state)).toEqual(['Up', 'Up']);
    expect((await port.resources()).map((r) => r.name)).toEqual(['Cluster IP Address', 'Cluster Name', 'Disk Q:']);
  });

  it('rejects with the model\'s ClusterError and reports no change', async () => {
    const onChange = vi.fn();
    const port = new LabClusterAdapter(createLabCluster('source'), onChange);
    const error = await port.run({ kind: 'group-create', group: 'cluster group' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).code).toBe(5010);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('does nothing once the signal is aborted', async () => {
    const model = createLabCluster('source');
    const port = new LabClusterAdapter(model);
    const controller = new AbortController();
    controller.abort();
    await expect(port.run({ kind: 'group-create', group: 'G' }, controller.signal)).rejects.toThrow(/abort/i);
    expect(model.groups().map((g) => g.name)).toEqual(['Cluster Group']);
  });

  it('fails the command when saving fails', async () => {
    const port = new LabClusterAdapter(createLabCluster('source'), () => Promise.reject(new Error('disk full')));
    await expect(port.run({ kind: 'group-create', group: 'G' })).rejects.toThrow('disk full');
  });
});
