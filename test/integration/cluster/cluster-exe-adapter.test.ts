import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterExeAdapter, runClusterExe } from '../../../src-main/cluster/cluster-exe-adapter';
import { LabClusterAdapter } from '../../../src-main/cluster/lab-cluster-adapter';
import { ClusterError, type ClusterCommand, type ClusterPort } from '../../../src-main/cluster/port';
import { createLabCluster } from '../../../src-main/lab/mscs/lab-clusters';

const repo = resolve(__dirname, '../../..');
const emulator = [process.execPath, '--import', 'tsx', join(repo, 'src-main/lab/emulators/cluster-exe-cli.ts')] as const;

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cluster-exe-'));
  file = join(dir, 'clusters.json');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function adapter(cluster: string): ClusterExeAdapter {
  return new ClusterExeAdapter({ cluster, command: emulator, cwd: repo, env: { ...process.env, EXCH_HA_LAB_CLUSTERS: file } });
}

/** The guide's source group (section 4): IP, Network Name, disk, System Attendant, Double-Take connection. */
const SOURCE_GROUP: readonly ClusterCommand[] = [
  { kind: 'group-create', group: 'Exchange Group' },
  { kind: 'group-set-description', group: 'Exchange Group', description: 'Exchange 2003 virtual server "EXCHVS"' },
  { kind: 'group-set-owners', group: 'Exchange Group', nodes: ['SRC1', 'SRC2'] },
  { kind: 'resource-create', resource: 'Exchange IP Address', group: 'Exchange Group', type: 'IP Address' },
  {
    kind: 'resource-set-private',
    resource: 'Exchange IP Address',
    properties: { Address: '10.0.0.5', SubnetMask: '255.255.255.0', Network: 'Public' },
  },
  { kind: 'resource-create', resource: 'Exchange Network Name', group: 'Exchange Group', type: 'Network Name' },
  { kind: 'resource-set-private', resource: 'Exchange Network Name', properties: { Name: 'EXCHVS', RequireKerberos: 1 } },
  { kind: 'resource-add-dependency', resource: 'Exchange Network Name', dependsOn: 'Exchange IP Address' },
  { kind: 'resource-create', resource: 'Disk E:', group: 'Exchange Group', type: 'Physical Disk' },
  { kind: 'resource-set-private', resource: 'Disk E:', properties: { Signature: 0x1234abcd, Drive: 'E:' } },
  { kind: 'resource-set-description', resource: 'Disk E:', description: 'Exchange data' },
  {
    kind: 'resource-create',
    resource: 'Exchange System Attendant - EXCHVS',
    group: 'Exchange Group',
    type: 'Microsoft Exchange System Attendant',
  },
  { kind: 'resource-add-dependency', resource: 'Exchange System Attendant - EXCHVS', dependsOn: 'Exchange Network Name' },
  { kind: 'resource-add-dependency', resource: 'Exchange System Attendant - EXCHVS', dependsOn: 'Disk E:' },
  { kind: 'resource-create', resource: 'Double-Take Source Connection', group: 'Exchange Group', type: 'Double-Take Source Connection' },
  { kind: 'resource-set-private', resource: 'Double-Take Source Connection', properties: { ReplicationSet: 'Exchange', Target: 'TGT1' } },
  { kind: 'resource-add-dependency', resource: 'Double-Take Source Connection', dependsOn: 'Disk E:' },
  { kind: 'resource-remove-owner', resource: 'Double-Take Source Connection', node: 'SRC2' },
  { kind: 'resource-add-owner', resource: 'Double-Take Source Connection', node: 'SRC2' },
  { kind: 'group-online', group: 'Exchange Group' },
];

async function refusal(port: ClusterPort, command: ClusterCommand): Promise<number> {
  const error = await port.run(command).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `${command.kind} should be refused`).toBeInstanceOf(ClusterError);
  return (error as ClusterError).code;
}

describe('cluster.exe adapter against the cluster.exe emulator', () => {
  it('creates the guide\'s whole source group and brings it online, as the lab adapter does', async () => {
    const port = adapter('SRCCLUS');
    for (const command of SOURCE_GROUP) await port.run(command);

    const lab = new LabClusterAdapter(createLabCluster('source'));
    for (const command of SOURCE_GROUP) await lab.run(command);

    const groups = await port.groups();
    expect(groups.find((g) => g.name === 'Exchange Group')).toEqual({
      name: 'Exchange Group',
      description: 'Exchange 2003 virtual server "EXCHVS"',
      state: 'Online',
      owner: 'SRC1',
      preferredOwners: ['SRC1', 'SRC2'],
    });
    const resources = await port.resources();
    expect(resources.find((r) => r.name === 'Disk E:')).toMatchObject({
      type: 'Physical Disk',
      description: 'Exchange data',
      state: 'Online',
      owner: 'SRC1',
      privateProperties: { Signature: 0x1234abcd, Drive: 'E:' },
    });
    expect(resources.find((r) => r.name === 'Exchange System Attendant - EXCHVS')?.dependencies).toEqual([
      'Exchange Network Name',
      'Disk E:',
    ]);
    expect(resources).toEqual(await lab.resources());
    expect(groups).toEqual(await lab.groups());
    expect(await port.nodes()).toEqual(await lab.nodes());
  });

  it('brings back the real refusal numbers and leaves the clusters file unchanged', async () => {
    const port = adapter('SRCCLUS');
    await port.groups(); // make sure the file exists
    const before = readFileSync(file, 'utf8');
    expect(await refusal(port, { kind: 'resource-add-dependency', resource: 'Disk E:', dependsOn: 'Exchange IP Address' })).toBe(5019);
    expect(await refusal(port, { kind: 'resource-add-dependency', resource: 'Cluster Name', dependsOn: 'Disk E:' })).toBe(87);
    expect(await refusal(port, { kind: 'resource-delete', resource: 'Disk E:' })).toBe(5019);
    expect(await refusal(port, { kind: 'group-create', group: 'EXCHANGE GROUP' })).toBe(5010);
    expect(await refusal(port, { kind: 'resource-create', resource: 'Web', group: 'Exchange Group', type: 'IIS Server Instance' })).toBe(5078);
    expect(await refusal(port, { kind: 'resource-online', resource: 'No Such Resource' })).toBe(5007);
    expect(await refusal(port, { kind: 'group-move', group: 'Exchange Group', node: 'TGT1' })).toBe(5042);
    expect(await refusal(port, { kind: 'resource-set-private', resource: 'Exchange IP Address', properties: { Address: '10.0.0.300' } })).toBe(87);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('refuses what the model refuses offline too: dependents (5001), a Network Name without an address (5002), a cycle (1059)', async () => {
    const port = adapter('TGTCLUS');
    await port.run({ kind: 'group-create', group: 'Exchange Group' });
    await port.run({ kind: 'resource-create', resource: 'IP', group: 'Exchange Group', type: 'IP Address' });
    await port.run({ kind: 'resource-create', resource: 'NN', group: 'Exchange Group', type: 'Network Name' });
    await port.run({ kind: 'resource-set-private', resource: 'NN', properties: { Name: 'EXCHVS-DR' } });
    expect(await refusal(port, { kind: 'resource-online', resource: 'NN' })).toBe(5002);
    await port.run({ kind: 'resource-add-dependency', resource: 'NN', dependsOn: 'IP' });
    expect(await refusal(port, { kind: 'resource-add-dependency', resource: 'IP', dependsOn: 'NN' })).toBe(1059);
    expect(await refusal(port, { kind: 'resource-add-dependency', resource: 'NN', dependsOn: 'IP' })).toBe(5003);
    expect(await refusal(port, { kind: 'resource-delete', resource: 'IP' })).toBe(5001);
    expect(await refusal(port, { kind: 'resource-online', resource: 'NN' })).toBe(87); // IP has no Address yet
  });

  it('sees a failover after a node stops, and 1722 once the cluster has no node left', async () => {
    const env = { ...process.env, EXCH_HA_LAB_CLUSTERS: file };
    const port = adapter('SRCCLUS');
    expect((await runClusterExe({ command: emulator, cwd: repo, env }, ['SRCCLUS', 'node', 'SRC1', '/stop'])).exitCode).toBe(0);
    expect((await port.groups()).map((g) => [g.name, g.owner, g.state])).toEqual([
      ['Cluster Group', 'SRC2', 'Online'],
      ['Exchange Group', 'SRC2', 'Online'],
    ]);
    await runClusterExe({ command: emulator, cwd: repo, env }, ['SRCCLUS', 'node', 'SRC2', '/stop']);
    await expect(port.nodes()).rejects.toMatchObject({ code: 1722 });
    expect(await refusal(port, { kind: 'group-online', group: 'Exchange Group' })).toBe(1722);
    await runClusterExe({ command: emulator, cwd: repo, env }, ['SRCCLUS', 'node', 'SRC1', '/start']);
    expect((await port.groups()).find((g) => g.name === 'Exchange Group')).toMatchObject({ owner: 'SRC1', state: 'Online' });
  });

  it('keeps every change when several cluster.exe processes run at once', async () => {
    const source = adapter('SRCCLUS');
    const target = adapter('TGTCLUS');
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? source : target).run({ kind: 'group-create', group: `Parallel ${i}` })),
    );
    expect((await source.groups()).filter((g) => g.name.startsWith('Parallel')).map((g) => g.name)).toEqual(
      expect.arrayContaining(['Parallel 0', 'Parallel 2', 'Parallel 4']),
    );
    expect((await target.groups()).filter((g) => g.name.startsWith('Parallel'))).toHaveLength(3);
  });
});
